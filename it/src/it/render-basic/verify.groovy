import java.nio.file.*

def root = basedir.toPath()
def first = root.resolve('target/zentoo')
def again = root.resolve('target/zentoo-again')

def tree = { Path dir ->
    def out = new TreeMap<String, String>()
    Files.walk(dir).each { p ->
        def rel = dir.relativize(p).toString()
        if (Files.isSymbolicLink(p)) out[rel] = '-> ' + Files.readSymbolicLink(p)
        else if (Files.isRegularFile(p)) out[rel] = new String(Files.readAllBytes(p), 'UTF-8')
    }
    out
}

def a = tree(first)
def b = tree(again)
assert a == b : "two renders of the same site differ"

def portage = 'machines/web01/etc/portage/'
def makeConf = a[portage + 'make.conf']
assert makeConf.contains('\nUSE="-* ssl -ipv6 http2"\n') : makeConf
assert makeConf.contains('\nL10N="de"\n') : makeConf
assert makeConf.contains('\nACCEPT_LICENSE="-* @FREE"\n') : makeConf
assert makeConf.contains('#   USE from web (config/sets/web/make.conf:1): -ipv6 http2\n') : makeConf
assert a[portage + 'make.profile'] == '-> /var/db/repos/gentoo/profiles/default/linux/amd64/23.0/systemd'
assert a[portage + 'package.use/03-web'].contains('www-servers/nginx NGINX_MODULES_HTTP: gzip realip')
def world = a[portage + 'sets/zentoo']
assert world.contains('app-admin/sudo # zentoo/base\n') : world
assert world.contains('www-servers/nginx # web\n') : world
assert !world.contains('nano') : world
assert a['machines/web01/var/lib/portage/world_sets'] == '@zentoo\n'
assert a['machines/web01/etc/kernel/config.d/01-zentoo-base.config'].contains('CONFIG_VIRTIO_PCI=y')
assert a['assembly/web01/services'].contains('cronie default # config/sets/server/services:2')
assert !a.keySet().any { it.startsWith('machines/zentoo/') } : 'shipped example machines are not rendered by default'

def log = new String(Files.readAllBytes(root.resolve('build.log')), 'UTF-8')
assert log.contains('[web01] unchanged, not rendered again') : 'the third run should skip'
assert log.contains("[web01] OFFLINE: the profile and the ebuilds' IUSE defaults were NOT consulted; below is only what config/ says (-Dzentoo.explain.offline=true)") : 'offline explain says first what it did not consult'
assert log.contains('[web01]   USE="-* ssl -ipv6 http2"') : 'explain prints make.conf'
assert log.contains('[web01]   L10N="de"') : 'explain prints USE_EXPAND variables'
assert log.contains('[web01]   nginx_modules_http_gzip: on by web (config/sets/web/package.use:1)') : 'explain names the set'
true
