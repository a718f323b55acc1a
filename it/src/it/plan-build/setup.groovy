// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes, so that the first plan sees an empty store.
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).prepareSite('plan')
return true
