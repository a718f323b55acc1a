// The exact test stage image, and empty volumes.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
support.prepare(basedir, testStageImageFile, 'zentoo-it-distcc-no-swarm')
return true
