// This project's docker network, its nginx (WebDAV on the network's gateway, so
// that containers on the network and the builds on the host both reach it), the
// client container and its image. Returns the helpers as a map.

def where = java.security.MessageDigest.getInstance('SHA-256').digest(basedir.canonicalPath.bytes).encodeHex().toString().substring(0, 8)
def networkName = "zentoo-it-binhost-${where}".toString()
def clientName = "zentoo-it-binhost-client-${where}".toString()
def clientImage = "zentoo-it-binhost-client:${where}".toString()
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))
def sh = nginx.sh

// A bridge network of this project; its gateway is the host's address on it.
def network = { ->
    def (code, out) = sh(['docker', 'network', 'create', '--driver', 'bridge', '--label', 'org.zentoo.it=binhost-signed', networkName])
    assert code == 0 : "docker network create failed: ${out}"
    def (c2, gw) = sh(['docker', 'network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', networkName])
    assert c2 == 0 && gw.trim() ==~ /\d+\.\d+\.\d+\.\d+/ : "no gateway for ${networkName}: ${gw}"
    gw.trim()
}

// nginx on the network's gateway: one server per port, each with its own access log
// (a publish's requests are counted per port); machines read freely, only the publisher writes.
def startNginx = { String host, List<Integer> ports, String user, String password ->
    new File(nginx.root, 'binhost').mkdirs()
    new File(nginx.prefix, 'htpasswd').text = nginx.htpasswd(user, password)
    def servers = ports.withIndex().collect { port, i -> """
            server {
                listen ${host}:${port};
                access_log ${nginx.prefix}/access-${i + 1}.log;
                root ${nginx.root};
                location /binhost/ {
                    dav_methods PUT MKCOL;
                    dav_access user:rw group:r all:r;
                    limit_except GET HEAD {
                        auth_basic "zentoo-it";
                        auth_basic_user_file ${nginx.prefix}/htpasswd;
                    }
                }
            }""" }.join('\n')
    nginx.start(host, ports, servers)
}

def stopNginx = nginx.stop

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

// Opens the gate of invocation 7's build (see running-build.sh) if it still waits, and
// waits up to two minutes for it to end, so its container goes with it.
def releaseBuild = { ->
    def ended = new File(basedir, 'target/running-build.exit')
    def container = new File(basedir, 'target/running-build.container')
    if (container.isFile() && !ended.exists()
            && sh(['docker', 'exec', container.text.trim(), 'touch', '/tmp/zentoo-it-open'])[0] == 0) {
        for (int i = 0; i < 120 && !ended.exists(); i++) {
            sleep 1000
        }
    }
}

def cleanup = { ->
    releaseBuild()
    stopNginx()
    sh(['docker', 'rm', '-f', clientName])
    sh(['docker', 'rmi', '-f', clientImage])
    sh(['docker', 'network', 'rm', networkName])
}

[network: network, startNginx: startNginx, stopNginx: stopNginx, root: nginx.root, prefix: nginx.prefix, client: client,
 startClient: startClient, cleanup: cleanup, sh: sh, clientName: clientName]
