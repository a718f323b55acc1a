// Zentoo could not put distcc into the seed: the build failed saying why and what
// to do, Portage's own reason is quoted, nothing compiled, and no distcc image,
// container or network is left.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def build = new File(basedir, 'build.log').text
assert build.contains('cannot make the distcc image: sys-devel/distcc could not be installed') : build
assert build.contains('zentoo.distcc.workers=0 builds without distcc')
// Portage's own line for a package masked in /etc/portage/package.mask, as the
// Maven error quotes emerge's output ("  | ").
boolean portageSaysMasked = build.readLines().any { it ==~ /\[ERROR\]   \| - sys-devel\/distcc-3\.4::zentoo-test \(masked by: package\.mask\)/ }
assert portageSaysMasked : 'the error quotes the emerge output that says why: ' + build.readLines().findAll { it.contains('masked') }
assert !build.contains('>>> Emerging (') : 'nothing compiled'
assert !build.contains('starting 2 distcc workers') : 'no worker started'
def images = support.dockerLines(['images', '-q', '--filter', 'label=org.zentoo.distcc.store=zentoo-it-distcc-no-distcc-binpkgs'])
assert images.isEmpty() : "a failed derivation leaves no image: ${images}"
assert support.leftovers('org.zentoo.it:distcc-no-distcc').isEmpty()
support.removeStore('zentoo-it-distcc-no-distcc')
return true
