// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes, so the failures below are this run's own.
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).prepareSite('errors')
return true
