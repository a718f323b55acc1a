import groovy.json.JsonSlurper
import java.nio.file.*

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def root = basedir.toPath()
def log = new String(Files.readAllBytes(root.resolve('build.log')), 'UTF-8')
def has = { String line -> assert log.contains(line) : "build.log lacks: ${line}" }

// The render of config-before was stale: explain rendered config/ again and said so,
// once (invocation 3 found it fresh). greeting below, asked for only in config/,
// shows that Portage saw the new render.
def stale = log.readLines().findAll { it.contains('config/ changed since the last render: re-rendered web01 into ') }
assert stale.size() == 1 && stale[0].endsWith(' before zentoo:explain') : stale
assert log.readLines().findAll { it.contains('sets/wants/make.conf:1 asked for on') }.every { !it.contains('config-before') }

// The issue's three flags, as Portage decides them, with the profile line and the site line it beats.
has('[web01] Asked Portage 3.0.83 in the machine\'s seed; profile stack: profiles/base > profiles/default/linux/amd64 > profiles/default/linux/amd64/masks')
has('[web01]   greeting: off, masked by profiles/default/linux/amd64/masks/use.mask:2 (config/sets/wants/make.conf:1 asked for on)')
has('[web01]   l10n_de: off, masked by profiles/default/linux/amd64/masks/package.use.mask:2 (config/sets/wants/make.conf:2 asked for on)')
has('[web01]   colour: on, forced by profiles/default/linux/amd64/masks/package.use.force:2 (config/sets/wants/make.conf:1 asked for off)')
has('[web01]   CHOST="x86_64-pc-linux-gnu"  from profiles/default/linux/amd64/make.defaults:1')
has('[web01]   alpha: on, the IUSE default in app-misc/layered/layered-1.0.ebuild:14')

// @world as JSON: both world packages, in the documented schema.
def report = new JsonSlurper().parse(root.resolve('target/zentoo/explain/web01.json').toFile())
assert report.machine == 'web01'
assert report.packages*.atom as Set == ['app-misc/hello', 'app-misc/layered'] as Set : report.packages*.atom
def hello = report.packages.find { it.atom == 'app-misc/hello' }
assert hello.version == '1.0'
def greeting = hello.flags.find { it.flag == 'greeting' }
assert greeting.enabled == false
assert greeting.origin.kind == 'profile'
assert greeting.origin.file == 'profiles/default/linux/amd64/masks/use.mask'
assert greeting.origin.line == 2
assert greeting.overridden == [[kind: 'set', file: 'config/sets/wants/make.conf', line: 1, enabled: true]]

// Offline: config/ only, and the first explain line says so.
def offline = log.readLines().findAll { it.contains('[web01] ') }.find { it.contains('OFFLINE') }
assert offline != null && offline.contains("[web01] OFFLINE: the profile and the ebuilds' IUSE defaults were NOT consulted") : offline

def left = fixture.dockerLines(['ps', '-a', '-q', '--filter', 'label=org.zentoo.site=org.zentoo.it:explain-portage'])
assert left.isEmpty() : "containers left behind: ${left}"
fixture.removeVolumes(fixture.volumePrefix('explain'))
return true
