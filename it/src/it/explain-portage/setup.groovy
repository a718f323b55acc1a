// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes.
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).prepareSite('explain')
// config-before: the site as it was before greeting was asked for. Invocation 1
// renders it, so explain then finds a render older than config/.
def config = basedir.toPath().resolve('config')
def before = new File(basedir, 'config-before')
java.nio.file.Files.walk(config).each { p ->
    def target = before.toPath().resolve(config.relativize(p).toString())
    if (java.nio.file.Files.isDirectory(p)) {
        java.nio.file.Files.createDirectories(target)
    } else {
        java.nio.file.Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
    }
}
def wants = new File(before, 'sets/wants/make.conf')
assert wants.text.contains('USE="greeting -colour"')
wants.text = wants.text.replace('USE="greeting -colour"', 'USE="-colour"')
return true
