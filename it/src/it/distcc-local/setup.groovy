// The exact test stage image, and empty volumes: many-units compiles in this run.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
support.prepare(basedir, testStageImageFile, 'zentoo-it-distcc-local')
return true
