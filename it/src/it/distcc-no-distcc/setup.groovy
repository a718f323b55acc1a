// The shared distcc site, with sys-devel/distcc masked for its machine.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
support.prepare(basedir, testStageImageFile, 'zentoo-it-distcc-no-distcc')
new File(basedir, 'config/machines/dist01/package.mask').text = '# distcc cannot be installed for this machine\nsys-devel/distcc\n'
return true
