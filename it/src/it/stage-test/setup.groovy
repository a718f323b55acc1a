// The fixture set (the zentoo-test repository) and the shipped zentoo/base test,
// which this site's set "checks" runs on a real stage; then the test stage as SEED
// and empty volumes.
import java.nio.file.Files
import java.nio.file.StandardCopyOption
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def sets = new File(basedir, 'config/sets/fixture')
sets.mkdirs()
new File(fixtureSetDirectory).eachFile { f ->
    Files.copy(f.toPath(), new File(sets, f.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
}
def shipped = new File(shippedConfigDirectory, 'sets/zentoo/base/tests/portage')
def copy = new File(basedir, 'config/sets/checks/tests/portage')
Files.copy(shipped.toPath(), copy.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES)
assert copy.canExecute()
fixture.prepareSite('stagetest')
return true
