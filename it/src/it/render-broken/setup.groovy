// The seed-typo site names the exact test stage image this build made (see
// it/README.md) with one letter dropped, so the closest local tag is known here.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def stage = fixture.testStage()
assert stage.startsWith('zentoo/test-stage:') : stage
def typo = stage.replace('zentoo/test-stage:', 'zentoo/test-stag:')
def siteConf = new File(basedir, 'seed-typo/site.conf')
siteConf.text = siteConf.text.replace('@testStageTypo@', typo)
// Port 9 (discard) on loopback: nothing listens, so the daemon's pull is refused at once.
def machineConf = new File(basedir, 'seed-typo/machines/elsewhere/machine.conf')
machineConf.text = machineConf.text.replace('@testStageElsewhere@', '127.0.0.1:9/' + typo)
return true
