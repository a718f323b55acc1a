// What a user gets from archetype:generate, and that it builds.
import groovy.xml.XmlSlurper

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
try {
    def log = new File(basedir, 'build.log').text
    def workspace = new File(basedir, 'workspace')

    // No archetype warning (it used to say it would not override config/machines).
    assert !log.contains("CP Don't override") : 'archetype:generate warned'

    // 1. The bad machine id was refused with the reason, and left nothing behind.
    assert log.contains("machine 'Web/01' cannot be a machine id") : 'no clear message for a bad machine id'
    assert !new File(workspace, 'bad-site').exists()

    // 2. The generated site: its files, the plugin at the archetype's version.
    def site = new File(workspace, 'my-site')
    ['pom.xml', 'README.md', '.gitignore', 'config/site.conf', 'config/README.md'].each {
        assert new File(site, it).isFile() : "generated site lacks $it"
    }
    def pluginVersions = new File(localRepositoryPath, 'org/zentoo/zentoo-maven-plugin').listFiles().findAll { it.isDirectory() }*.name
    assert pluginVersions.size() == 1
    def pom = new XmlSlurper().parse(new File(site, 'pom.xml'))
    def plugin = pom.build.plugins.plugin.find { it.artifactId.text() == 'zentoo-maven-plugin' }
    assert plugin.version.text() == pluginVersions[0]
    assert new File(site, 'README.md').text.contains('config/machines/web01/')

    // The shipped content is the top-level config/, file for file.
    def shipped = new File(shippedConfigDirectory)
    shipped.eachFileRecurse(groovy.io.FileType.FILES) { f ->
        def rel = shipped.toPath().relativize(f.toPath()).toString()
        def copy = new File(site, "config/${rel}")
        assert copy.isFile() && copy.bytes == f.bytes : "config/${rel} differs from the shipped file"
    }

    // 4. The starter machine was built and its stage installed.
    def repo = new File(localRepositoryPath, 'org/zentoo/it/my-site/1.0')
    assert new File(repo, 'my-site-1.0-stage3-web01.tar.zst').isFile()
    assert new File(repo, 'my-site-1.0-packages-web01.txt').text.contains('app-misc/hello-1.0')

    // 5. Nothing to upgrade.
    assert log.contains('config/ is up to date with the shipped zentoo/ content')

    // 6. The default starter machine is server01: its machine.conf, and the README that names it.
    def defaultSite = new File(workspace, 'default-site')
    assert new File(defaultSite, 'config/machines/server01/machine.conf').isFile() : 'no default machine server01'
    assert !new File(defaultSite, 'config/machines/web01').exists()
    assert new File(defaultSite, 'README.md').text.contains('config/machines/server01/')

    // 7, 8. The offline site's machine is on the test stage and was built and installed as generated.
    def offline = new File(workspace, 'offline-site')
    assert new File(offline, 'config/machines/web01/machine.conf').text.contains('SEED="zentoo/test-stage:current"')
    assert new File(offline, 'config/machines/web01/parent').text == 'zentoo/test-stage\n'
    def offlineRepo = new File(localRepositoryPath, 'org/zentoo/it/offline-site/1.0')
    assert new File(offlineRepo, 'offline-site-1.0-stage3-web01.tar.zst').isFile()
    assert new File(offlineRepo, 'offline-site-1.0-packages-web01.txt').text.contains('app-misc/world-1.0')
} finally {
    fixture.removeVolumes(fixture.volumePrefix('archetype'))
}
return true
