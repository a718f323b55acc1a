// Points the site at this build's test stage and starts from empty volumes.
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).prepareSite('rebuild')
return true
