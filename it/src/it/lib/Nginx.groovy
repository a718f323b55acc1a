// A private nginx for one invoker project: its own config, prefix, pid file and logs under
// target/nginx of the project, serving target/nginx/www. The project gives the server
// blocks; the http block around them is the same for every project.
// Use from a hook script:  def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))
// Returns [start: {host, ports, servers}, stop: {}, root: File, prefix: File, sh: {cmd, seconds}, htpasswd: {user, password}].
import java.net.InetSocketAddress
import java.net.Socket

def prefix = new File(basedir, 'target/nginx').absoluteFile
def conf = new File(prefix, 'nginx.conf')
def pidFile = new File(prefix, 'nginx.pid')
def root = new File(prefix, 'www')
def binary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].collect { new File(it) }.find { it.canExecute() }

// Runs a command with a bound; returns [exit status, output].
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def sh = { List<String> cmd, int seconds = 120 ->
    def r = fixture.exec(cmd, [seconds: seconds])
    [r.exit, r.out + r.err]
}

def nginx = { List<String> args ->
    sh([binary.path, '-p', prefix.path + '/', '-c', conf.path, '-e', new File(prefix, 'error.log').path] + args, 30)
}

def answers = { String host, int port ->
    try {
        new Socket().withCloseable { it.connect(new InetSocketAddress(host, port), 500) }
        true
    } catch (IOException ignored) {
        false
    }
}

// An htpasswd line for Basic auth, hashed by openssl.
def htpasswd = { String user, String password ->
    def hash = ['openssl', 'passwd', '-apr1', '-stdin'].execute()
    hash.withWriter { it << password << '\n' }
    assert hash.waitFor() == 0 : 'openssl passwd -apr1 failed'
    "${user}:${hash.text.trim()}\n".toString()
}

// Starts nginx with the project's server blocks and waits, bounded, until every port answers.
def start = { String host, List<Integer> ports, String servers ->
    assert binary != null : 'nginx is not installed: apt-get install nginx-light (.ci/run does)'
    new File(prefix, 'client_body').mkdirs()
    root.mkdirs()
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
${servers}
        }
        """.stripIndent()
    def (code, out) = nginx([])
    assert code == 0 : "nginx did not start: ${out}\n${new File(prefix, 'error.log').with { it.exists() ? it.text : '' }}"
    ports.each { port ->
        def deadline = System.nanoTime() + 20_000_000_000L
        while (!answers(host, port)) {
            assert System.nanoTime() < deadline : "nginx does not answer on ${host}:${port}"
            Thread.sleep(100)
        }
    }
}

def stop = { ->
    if (!pidFile.exists()) {
        return
    }
    def pid = pidFile.text.trim()
    nginx(['-s', 'stop'])
    def deadline = System.nanoTime() + 20_000_000_000L
    while (pidFile.exists() && System.nanoTime() < deadline) {
        Thread.sleep(100)
    }
    // Still there: the master did not react to the signal. It is ours (our pid file).
    if (pidFile.exists() && pid ==~ /\d+/) {
        sh(['kill', '-KILL', pid], 10)
        pidFile.delete()
    }
}

[start: start, stop: stop, root: root, prefix: prefix, sh: sh, htpasswd: htpasswd]
