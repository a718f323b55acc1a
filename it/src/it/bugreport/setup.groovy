// Points the site at the exact test stage image this build made (see it/README.md),
// starts from empty volumes, and makes the binpkg signing key (its passphrase is the
// settings.xml server zentoo-it-signing): a bug report must hold neither.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
fixture.prepareSite('bugreport')
fixture.signingKey('zentoo-it-signing')
return true
