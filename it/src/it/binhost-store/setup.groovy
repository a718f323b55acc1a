// The site (SEED: this build's test stage), config-b (m1 with another hello USE), nginx
// with WebDAV on the default bridge's gateway, where Zentoo's containers reach the host,
// and a watcher that saves `docker inspect` of every container of this site while the
// invocations run, so verify.groovy can look for the credentials in them.
import groovy.xml.XmlSlurper
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))

nginx.stop()
def volumes = fixture.prepareSite('binhost-store')
def sets = new File(basedir, 'config/sets/fixture')
sets.mkdirs()
new File(fixtureSetDirectory).eachFile { f ->
    Files.copy(f.toPath(), new File(sets, f.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
}
def configB = new File(basedir, 'config-b')
fixture.run(['rm', '-rf', configB.path])
fixture.run(['cp', '-a', new File(basedir, 'config').path, configB.path])
new File(configB, 'machines/m1/parent').text = 'hello-use\n'
new File(configB, 'sets/hello-use/package.use').text = 'app-misc/hello greeting l10n_de\n'

def davServers = new XmlSlurper().parse(new File(itSettingsFile)).servers.server
def dav = davServers.find { it.id.text() == 'zentoo-it-dav' }
def stager = davServers.find { it.id.text() == 'zentoo-it-stager' }
def gateway = fixture.run(['docker', 'network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', 'bridge']).trim()
assert gateway ==~ /\d+\.\d+\.\d+\.\d+/ : "no gateway for Docker's default bridge: ${gateway}"
def ports = (1..2).collect { new ServerSocket(0, 1, InetAddress.getByName(gateway)).withCloseable { it.localPort } }
fixture.run(['rm', '-rf', nginx.root.path])
new File(nginx.root, 'binhost').mkdirs()
new File(nginx.prefix, 'htpasswd').text = nginx.htpasswd(dav.username.text(), dav.password.text())
new File(nginx.prefix, 'htpasswd-stager').text = nginx.htpasswd(stager.username.text(), stager.password.text())
def writes = { String users -> """
                    dav_methods PUT DELETE MKCOL;
                    dav_access user:rw group:r all:r;
                    create_full_put_path off;
                    limit_except GET HEAD {
                        auth_basic "zentoo-it";
                        auth_basic_user_file ${nginx.prefix}/${users};
                    }""" }
// The second port refuses every PUT of an index: a deterministic failed upload.
def refuseIndex = """
                location ~ ^/binhost/.*/Packages\$ {
                    limit_except GET HEAD { deny all; }
                }"""
def servers = ports.withIndex().collect { port, i -> """
            server {
                listen ${gateway}:${port};
                access_log ${nginx.prefix}/access-${i + 1}.log;
                root ${nginx.root};
                location /binhost/ {${writes('htpasswd')}
                }
                # The staging collections: the one place the stager may write, and only it.
                location /binhost/.zentoo-staging/ {${writes('htpasswd-stager')}
                }${i == 1 ? refuseIndex : ''}
            }""" }.join('\n')
Runtime.runtime.addShutdownHook(new Thread({ nginx.stop() } as Runnable))
nginx.start(gateway, ports, servers)

def inspected = new File(basedir, 'target/inspect')
fixture.run(['rm', '-rf', inspected.path])
inspected.mkdirs()
def stop = new File(basedir, 'target/inspect.stop')
stop.delete()
Thread.startDaemon('binhost-store-inspect') {
    def seen = [] as Set
    while (!stop.exists()) {
        def ps = ['docker', 'ps', '-a', '-q', '--no-trunc', '--filter', 'label=org.zentoo.site=org.zentoo.it:binhost-store'].execute()
        def ids = ps.text.readLines()*.trim().findAll { it }
        ps.waitFor()
        ids.findAll { !seen.contains(it) }.each { id ->
            def p = ['docker', 'inspect', id].execute()
            def json = p.text
            if (p.waitFor() == 0 && json.contains('"Id"')) {
                new File(inspected, "${id}.json").text = json
                seen << id
            }
        }
        Thread.sleep(200)
    }
}

// Invocation 3: the one-host store gets the binhost's partitions, files as the server has them.
new File(basedir, 'target/fill-volume.sh').text = """\
set -eu
docker run --rm --label org.zentoo.it=binhost-store -v ${volumes}-binpkgs:/var/cache/binpkgs \\
    -v ${new File(nginx.root, 'binhost').path}:/src:ro --entrypoint bash ${fixture.testStage()} \\
    -c 'for d in /src/*/; do cp -a "\$d" /var/cache/binpkgs/; done; find /var/cache/binpkgs -type f | sort'
""".stripIndent()

fixture.mavenConfig([
        "-Dzentoo.volumePrefix=${volumes}",
        "-Dit.binhost=http://${gateway}:${ports[0]}/binhost",
        "-Dit.binhost2=http://${gateway}:${ports[1]}/binhost"])
return true
