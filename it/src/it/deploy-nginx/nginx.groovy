// A private nginx for this IT: its own config, prefix and pid file under target/nginx,
// listening on 127.0.0.1 only. Returns [start: {..}, stop: {..}, root: File].
import java.net.InetSocketAddress
import java.net.Socket

def prefix = new File(basedir, 'target/nginx').absoluteFile
def conf = new File(prefix, 'nginx.conf')
def pidFile = new File(prefix, 'nginx.pid')
def root = new File(prefix, 'www')

def nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].collect { new File(it) }.find { it.canExecute() }

def run = { List<String> args, int seconds ->
    def p = ([nginx.path, '-p', prefix.path + '/', '-c', conf.path, '-e', new File(prefix, 'error.log').path] + args).execute()
    def out = new StringBuilder()
    p.consumeProcessOutput(out, out)
    if (!p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly()
        throw new IllegalStateException("nginx ${args} did not return within ${seconds} s")
    }
    [p.exitValue(), out.toString()]
}

def answers = { int port ->
    try {
        new Socket().withCloseable { it.connect(new InetSocketAddress('127.0.0.1', port), 500) }
        true
    } catch (IOException ignored) {
        false
    }
}

def start = { int port, String htpasswd ->
    assert nginx != null : 'nginx is not installed: apt-get install nginx-light (.ci/run does)'
    ['client_body', 'www/repo'].each { new File(prefix, it).mkdirs() }
    new File(prefix, 'htpasswd').text = htpasswd
    // Workers run as the user running the tests (root in CI), so they can write the
    // directories this script made; as non-root nginx ignores the directive.
    conf.text = """\
        user ${System.getProperty('user.name')};
        daemon on;
        pid ${pidFile};
        worker_processes 1;
        error_log ${prefix}/error.log info;
        events { worker_connections 64; }
        http {
            access_log ${prefix}/access.log;
            client_body_temp_path ${prefix}/client_body;
            proxy_temp_path ${prefix}/client_body;
            fastcgi_temp_path ${prefix}/client_body;
            uwsgi_temp_path ${prefix}/client_body;
            scgi_temp_path ${prefix}/client_body;
            default_type application/octet-stream;
            # Stage tarballs are hundreds of megabytes.
            client_max_body_size 0;
            server {
                listen 127.0.0.1:${port};
                root ${root};
                location /repo/ {
                    auth_basic "zentoo-it";
                    auth_basic_user_file ${prefix}/htpasswd;
                    dav_methods PUT MKCOL;
                    create_full_put_path on;
                    dav_access user:rw group:r all:r;
                }
            }
        }
        """.stripIndent()
    def (code, out) = run([], 30)
    assert code == 0 : "nginx did not start: ${out}\n${new File(prefix, 'error.log').with { it.exists() ? it.text : '' }}"
    def deadline = System.nanoTime() + 20_000_000_000L
    while (!answers(port)) {
        assert System.nanoTime() < deadline : "nginx does not answer on 127.0.0.1:${port}"
        Thread.sleep(100)
    }
}

def stop = { ->
    if (!pidFile.exists()) {
        return
    }
    def pid = pidFile.text.trim()
    run(['-s', 'stop'], 30)
    def deadline = System.nanoTime() + 20_000_000_000L
    while (pidFile.exists() && System.nanoTime() < deadline) {
        Thread.sleep(100)
    }
    // Still there: the master did not react to the signal. It is ours (our pid file).
    if (pidFile.exists() && pid ==~ /\d+/) {
        ['kill', '-KILL', pid].execute().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)
        pidFile.delete()
    }
}

[start: start, stop: stop, root: root, prefix: prefix]
