// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes, so the compile counts below mean something.
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).prepareSite('build')
return true
