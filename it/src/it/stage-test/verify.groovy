// zentoo:test, as a user sees it after `mvn install`, a second `mvn install`, and a broken machine.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
try {
def log1 = new File(basedir, 'build-1-install.log').text
def log2 = new File(basedir, 'build-2-again.log').text
def log3 = new File(basedir, 'build-3-broken.log').text
def reports = new File(basedir, 'target/zentoo/test-reports')

def suite = { String m ->
    def f = new File(reports, "TEST-${m}.xml")
    assert f.isFile() : "no JUnit XML for ${m} in ${reports}"
    new groovy.xml.XmlSlurper().parse(f)
}
def names = { s -> s.testcase.collect { "${it.@classname} ${it.@name}".toString() } }

// 1. Both machines tested in containers of their own stage3, every test passed.
['t1', 't2'].each { m ->
    assert log1.contains("[${m}] testing stage3-${m}.tar.zst in a container of its own")
}
def t1 = suite('t1')
assert names(t1) == ['t1.checks contents', 't1.checks elf', 't1.checks services', 't1.checks packages',
                     't1.tests isolated', 't1.tests portage', 't1.tests service-enabled']
assert t1.@tests == '7' && t1.@failures == '0' && t1.@errors == '0' && t1.@skipped == '0'
assert t1.testcase.every { it.failure.size() == 0 && it.error.size() == 0 }
// The machine's tests/service-enabled replaced the set's (which exits 1), and checked the service.
def enabled = t1.testcase.find { it.@name == 'service-enabled' }.'system-out'.text()
assert enabled.contains('default runlevel: hello-world -> /etc/init.d/hello-world') : enabled
assert t1.testcase.find { it.@name == 'services' }.'system-out'.text().contains('hello-world: in runlevel default')
// The set's tests/isolated, from inside the container: only lo in /sys/class/net
// (--network none), and no CAP_SYS_ADMIN among its effective capabilities (not --privileged).
def isolated = t1.testcase.find { it.@name == 'isolated' }.'system-out'.text()
assert isolated.contains('network interfaces: lo \n') && isolated =~ /effective capabilities: \p{XDigit}{16} \(CAP_SYS_ADMIN: 0\)/ : isolated
// The shipped zentoo/base test: emerge --info runs, /etc/portage is the rendered one.
def portage = t1.testcase.find { it.@name == 'portage' }.'system-out'.text()
assert portage.contains('Portage 3.0.83') && portage.contains('/etc/portage is the configuration rendered for t1') : portage
assert t1.testcase.find { it.@name == 'contents' }.'system-out'.text() =~ /\d+ packages: \d+ files/
def t2 = suite('t2')
assert names(t2) == ['t2.checks contents', 't2.checks elf', 't2.checks services', 't2.checks packages']
assert t2.@failures == '0' && t2.@errors == '0'
assert t2.testcase.find { it.@name == 'services' }.'system-out'.text().contains('the machine lists no services')
def repo = new File(localRepositoryPath, 'org/zentoo/it/stage-test/1.0')
['t1', 't2'].each { m -> assert new File(repo, "stage-test-1.0-stage3-${m}.tar.zst").isFile() }

// 2. Unchanged stages and tests: no test container, the kept results reported.
['t1', 't2'].each { m ->
    assert log2.contains("[${m}] stage3 (sha256 ") && log2 =~ /\[${m}\] .*no test container started/
}
assert !log2.contains('in a container of its own')
assert log2.contains('cached: 7 tests: 7 passed') && log2.contains('cached: 4 tests: 4 passed')

// 3. t3: the build fails naming the machine, the script and its output, and each
// built-in check that its overlay broke, with the file.
assert log3.contains('[t3] test failed: 3 of 5 tests failed (t3.checks contents, t3.checks elf, tests/fails)')
assert log3.contains("the site's own test says no")
assert log3.contains('/usr/bin/hello (app-misc/hello-1.0): md5 differs: recorded ')
// The overlay's text file where the library was: named as what the binaries cannot use.
assert log3 =~ /\/usr\/sbin\/wipefs: needs libsmartcols\.so\.1, but \S*\/libsmartcols\.so\.1 is no 64-bit ELF library/
assert log3.contains('stage3-t3.tar.zst is not installed or deployed')
def t3 = suite('t3')
assert t3.@failures == '3'
assert t3.testcase.find { it.@name == 'fails' }.failure.@message == "exit code 1: the site's own test says no"
assert !new File(repo, 'stage-test-1.0-stage3-t3.tar.zst').exists() : 't3 failed its tests, yet it was installed'
// t5: its python3 cannot run, so no built-in check ran. That is an error naming why and every check, not a pass.
def noChecks = "Zentoo's built-in checks did not all run: stage-checks.py exited with 127 (python3: error while loading" +
        " shared libraries: libpython3.11.so.1.0: cannot open shared object file: No such file or directory);" +
        " no result from contents, elf, services, packages"
assert log3.contains('[t5] test failed: 1 of 1 tests failed (t5.checks stage-checks.py), so stage3-t5.tar.zst is not installed')
assert log3.contains("t5.checks stage-checks.py: ${noChecks}")
def t5 = suite('t5')
assert names(t5) == ['t5.checks stage-checks.py'] && t5.@errors == '1' && t5.@failures == '0'
assert t5.testcase.error.@message == noChecks
assert !new File(repo, 'stage-test-1.0-stage3-t5.tar.zst').exists() : 't5 ran no checks, yet it was installed'

// 4. A machine with a kernel is booted: its own kernel, its stage as the root.
def log4 = new File(basedir, 'build-4-boot.log').text
def log5 = new File(basedir, 'build-5-no-boot.log').text
assert log4.contains('[t4] testing stage3-t4.tar.zst in a container of its own')
assert log4 =~ /\[t4\] booting kernel-t4\.tar\.zst with stage3-t4\.tar\.zst in qemu-system-x86_64 \(1 boot scripts/
// The kernel's own version line, read from the serial console.
assert log4 =~ /\[t4\] console: .*Linux version 6\.1\.0-50-amd64/
assert log4 =~ /\[t4\] console: ZENTOO-TEST boot\/kernel-and-overlay PASS 0/
def booted = new File(basedir, 'target/zentoo/logs/t4-boot.log')
assert booted.isFile() && booted.text.contains('ZENTOO-BOOT end')
// 5. Boot off: the container checks only, the boot listed as skipped, in the report written last.
assert log5.contains('[t4] testing stage3-t4.tar.zst in a container of its own')
assert !log5.contains('booting kernel-t4')
def t4 = suite('t4')
assert names(t4) == ['t4.checks contents', 't4.checks elf', 't4.checks services', 't4.checks packages', 't4.boot boot']
assert t4.@skipped == '1' && t4.@failures == '0' && t4.@errors == '0'
assert t4.testcase.find { it.@name == 'boot' }.skipped.@message == 'zentoo.test.boot=false'
// Build 4's report (replaced by build 5's) named each boot test, as its log shows.
assert log4 =~ /\[t4\] PASSED t4\.boot boot\/kernel-and-overlay/
assert log4 =~ /\[t4\] PASSED t4\.boot check\/kernel-modules/
// The boot itself, a case of its own: the line ends after its name.
assert log4 =~ /(?m)\[t4\] PASSED t4\.boot boot$/

// Every imported stage image is gone.
def images = fixture.dockerLines(['images', '-q', 'zentoo/stage-under-test'])
assert images.isEmpty() : "stage images left: ${images}"
} finally {
    // Leave the host as it was.
    fixture.removeVolumes(fixture.volumePrefix('stagetest'))
}
true
