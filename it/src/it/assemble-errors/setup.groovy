// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes, so the compile counts below mean something.
def image = new File(testStageImageFile).text.trim()
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStage@', image)
['binpkgs', 'distfiles', 'repos-seed'].each { suffix ->
    def names = ['docker', 'volume', 'ls', '-q', '--filter', "name=zentoo-it-errors-${suffix}"].execute().text.readLines()
    names.each { ['docker', 'volume', 'rm', '-f', it].execute().waitFor() }
}
return true
