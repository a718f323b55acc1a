// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes, so the lock and the store are this run's own.
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).prepareSite('lastgood')
return true
