// What arrived in the repository, what a wrong password did, and what came back.
import groovy.xml.XmlSlurper

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(basedir, 'nginx.groovy'))
try {
    def log = new File(basedir, 'build.log').text
    def built = new File(basedir, 'target/zentoo/stages')
    def deployed = new File(nginx.root, 'repo/org/zentoo/it/deploy-nginx')
    def version = new File(deployed, '1.0')

    // Credentials came from settings.xml and were never printed.
    new XmlSlurper().parse(new File(itSettingsFile)).servers.server.each {
        assert !log.contains(it.password.text()) : "the password of server ${it.id} is in build.log"
    }

    // Every artifact arrived with the checksums asked for in maven.config (Maven 3.8.7
    // and 3.9 both honour aether.checksums.algorithms), and each matches its file.
    def algorithms = ['sha1': 'SHA-1', 'md5': 'MD5', 'sha256': 'SHA-256', 'sha512': 'SHA-512']
    def files = ['deploy-nginx-1.0.pom', 'deploy-nginx-1.0-stage3-web01.tar.zst', 'deploy-nginx-1.0-packages-web01.txt']
    files.each { name ->
        def file = new File(version, name)
        assert file.isFile() : "${name} was not deployed"
        algorithms.each { ext, algorithm ->
            def sum = new File(version, "${name}.${ext}")
            assert sum.isFile() : "${name}.${ext} was not deployed"
            def digest = java.security.MessageDigest.getInstance(algorithm)
            file.eachByte(1 << 16) { buf, n -> digest.update(buf, 0, n) }
            assert sum.text.trim() == digest.digest().encodeHex().toString() : "${name}.${ext} does not match"
        }
    }
    assert fixture.sha256(new File(version, 'deploy-nginx-1.0-stage3-web01.tar.zst')) == fixture.sha256(new File(built, 'stage3-web01.tar.zst'))
    assert new File(deployed, 'maven-metadata.xml').text.contains('<version>1.0</version>')

    // The wrong password was refused with nginx's 401, as Maven's resolver reports
    // it for the stage3 upload of version 2.0, and nothing of version 2.0 exists.
    def refused = ~/^\[ERROR\] Failed to execute goal org\.apache\.maven\.plugins:maven-deploy-plugin:3\.1\.4:deploy-file \(default-cli\) on project deploy-nginx: Failed to deploy artifacts: Could not transfer artifact org\.zentoo\.it:deploy-nginx:tar\.zst:stage3-web01:2\.0 from\/to zentoo-it-wrong \(http:\/\/127\.0\.0\.1:\d+\/repo\): status code: 401, reason phrase: Unauthorized \(401\) -> \[Help 1\]$/
    boolean said401 = log.readLines().any { it ==~ refused }
    assert said401 : 'the refused deploy does not give the 401 status line: ' + log.readLines().findAll { it.contains('401') }
    assert !new File(deployed, '2.0').exists()
    assert !new File(deployed, 'maven-metadata.xml').text.contains('<version>2.0</version>')

    // The consumer got the stage over HTTP (invocation 1 did not install it) and it
    // is the very file that was built.
    def fetched = new File(basedir, 'fetch/target/fetched/deploy-nginx-1.0-stage3-web01.tar.zst')
    assert fetched.isFile()
    assert fixture.sha256(fetched) == fixture.sha256(new File(built, 'stage3-web01.tar.zst'))
    def access = new File(nginx.prefix, 'access.log').readLines()
    assert access.any { it.contains(' deployer ') && it.contains('"GET /repo/org/zentoo/it/deploy-nginx/1.0/deploy-nginx-1.0-stage3-web01.tar.zst ') && it.contains('" 200 ') } :
            'the stage was not fetched from nginx'
} finally {
    nginx.stop()
    fixture.removeVolumes(fixture.volumePrefix('deploy'))
}
return true
