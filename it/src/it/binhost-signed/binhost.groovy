// This project's docker network, its nginx (WebDAV on the network's gateway, so
// that containers on the network and the builds on the host both reach it), the
// client container and its image. Returns the helpers as a map.
import java.net.InetSocketAddress
import java.net.Socket
import java.util.concurrent.TimeUnit

def where = java.security.MessageDigest.getInstance('SHA-256').digest(basedir.canonicalPath.bytes).encodeHex().toString().substring(0, 8)
def networkName = "zentoo-it-binhost-${where}".toString()
def clientName = "zentoo-it-binhost-client-${where}".toString()
def holdName = "zentoo-it-binhost-hold-${where}".toString()
def clientImage = "zentoo-it-binhost-client:${where}".toString()
def prefix = new File(basedir, 'target/nginx').absoluteFile
def conf = new File(prefix, 'nginx.conf')
def pidFile = new File(prefix, 'nginx.pid')
def root = new File(prefix, 'www')

def sh = { List<String> cmd, int seconds = 120 ->
    def p = cmd.execute()
    def out = new StringBuilder()
    p.consumeProcessOutput(out, out)
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly()
        throw new IllegalStateException("${cmd} did not return within ${seconds} s")
    }
    [p.exitValue(), out.toString()]
}

// A bridge network of this project; its gateway is the host's address on it.
def network = { ->
    def (code, out) = sh(['docker', 'network', 'create', '--driver', 'bridge', '--label', 'org.zentoo.it=binhost-signed', networkName])
    assert code == 0 : "docker network create failed: ${out}"
    def (c2, gw) = sh(['docker', 'network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', networkName])
    assert c2 == 0 && gw.trim() ==~ /\d+\.\d+\.\d+\.\d+/ : "no gateway for ${networkName}: ${gw}"
    gw.trim()
}

def nginxBinary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].collect { new File(it) }.find { it.canExecute() }
def nginx = { List<String> args ->
    sh([nginxBinary.path, '-p', prefix.path + '/', '-c', conf.path, '-e', new File(prefix, 'error.log').path] + args, 30)
}

def startNginx = { String host, List<Integer> ports, String user, String password ->
    assert nginxBinary != null : 'nginx is not installed: apt-get install nginx-light (.ci/run does)'
    ['client_body', 'www/binhost'].each { new File(prefix, it).mkdirs() }
    def hash = ['openssl', 'passwd', '-apr1', '-stdin'].execute()
    hash.withWriter { it << password << '\n' }
    assert hash.waitFor() == 0 : 'openssl passwd -apr1 failed'
    new File(prefix, 'htpasswd').text = "${user}:${hash.text.trim()}\n"
    def servers = ports.withIndex().collect { port, i -> """
            server {
                listen ${host}:${port};
                access_log ${prefix}/access-${i + 1}.log;
                root ${root};
                location /binhost/ {
                    dav_methods PUT MKCOL;
                    dav_access user:rw group:r all:r;
                    # Machines read without credentials; only the publisher writes.
                    limit_except GET HEAD {
                        auth_basic "zentoo-it";
                        auth_basic_user_file ${prefix}/htpasswd;
                    }
                }
            }""" }.join('\n')
    conf.text = """\
        user ${System.getProperty('user.name')};
        daemon on;
        pid ${pidFile};
        worker_processes 1;
        error_log ${prefix}/error.log info;
        events { worker_connections 64; }
        http {
            client_body_temp_path ${prefix}/client_body;
            proxy_temp_path ${prefix}/client_body;
            fastcgi_temp_path ${prefix}/client_body;
            uwsgi_temp_path ${prefix}/client_body;
            scgi_temp_path ${prefix}/client_body;
            default_type application/octet-stream;
            client_max_body_size 0;
${servers}
        }
        """.stripIndent()
    def (code, out) = nginx([])
    assert code == 0 : "nginx did not start: ${out}\n${new File(prefix, 'error.log').with { it.exists() ? it.text : '' }}"
    ports.each { port ->
        def deadline = System.nanoTime() + 20_000_000_000L
        while (true) {
            try {
                new Socket().withCloseable { it.connect(new InetSocketAddress(host, port), 500) }
                break
            } catch (IOException ignored) {
                assert System.nanoTime() < deadline : "nginx does not answer on ${host}:${port}"
                Thread.sleep(100)
            }
        }
    }
}

def stopNginx = { ->
    if (!pidFile.exists()) {
        return
    }
    def pid = pidFile.text.trim()
    nginx(['-s', 'stop'])
    def deadline = System.nanoTime() + 20_000_000_000L
    while (pidFile.exists() && System.nanoTime() < deadline) {
        Thread.sleep(100)
    }
    if (pidFile.exists() && pid ==~ /\d+/) {
        sh(['kill', '-KILL', pid])
        pidFile.delete()
    }
}

// Runs a shell command in the client container; returns [exit, output].
def client = { String script, int seconds = 300 ->
    sh(['docker', 'exec', clientName, 'bash', '-c', script], seconds)
}

def startClient = { File stage ->
    def (c1, o1) = sh(['bash', '-c', "zstd -dc '${stage.path}' | docker import - ${clientImage}"], 300)
    assert c1 == 0 : "docker import failed: ${o1}"
    def (c2, o2) = sh(['docker', 'run', '-d', '--name', clientName, '--network', networkName,
                       '--label', 'org.zentoo.it=binhost-signed', clientImage, 'sleep', '900'])
    assert c2 == 0 : "docker run failed: ${o2}"
}

def cleanup = { ->
    stopNginx()
    sh(['docker', 'rm', '-f', clientName])
    sh(['docker', 'rm', '-f', holdName])
    sh(['docker', 'rmi', '-f', clientImage])
    sh(['docker', 'network', 'rm', networkName])
}

[network: network, startNginx: startNginx, stopNginx: stopNginx, root: root, prefix: prefix, client: client,
 startClient: startClient, cleanup: cleanup, sh: sh, clientName: clientName, holdName: holdName]
