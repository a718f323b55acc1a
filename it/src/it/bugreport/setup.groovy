// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes.
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).prepareSite('bugreport')
return true
