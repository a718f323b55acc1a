// zentoo:plan against real Portage, checked against what zentoo:build then really does.
// Checks compute a boolean first: a failing power assert would print all of build.log.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('plan')
def buildLog = new File(basedir, 'build.log').text
def lines = buildLog.readLines()
def trio = ['web01', 'web02', 'alt01']

// The site summaries of the three-machine runs, in order: plan 1 (empty store), the
// plan at the start of build 5 (store still empty: runs 2-4 compiled nothing), plan 8.
def summaries = lines.collect { it =~ /^\[INFO\] Site plan: (\d+) unique compiles \((\d+) summed over 3 machines\)$/ }
        .findAll { it.find() }.collect { [it.group(1) as int, it.group(2) as int] }
assert summaries.size() == 3 : "three site plans of web01, web02, alt01, found ${summaries}"
def (first, atBuild, after) = summaries

// What build 5 compiled, from its summary table ("N compiled, M reused" per machine).
def compiled = trio.collect { m ->
    def rows = lines.collect { it =~ /^\[INFO\] ${m}\s+\S+\s+OK\s+\S+\s+(\d+) compiled, (\d+) reused/ }.findAll { it.find() }
    assert rows.size() == 1 : "one build row of ${m}"
    rows[0].group(1) as int
}
// hello twice in the default partition (with and without greeting), world once there;
// hello and world once in alt01's partition: 5 unique, 6 summed over machines.
assert first == [5, 6] : "plan on the empty store: ${first}"
assert atBuild == first : "the build's own plan agrees with zentoo:plan: ${atBuild}"
assert compiled.sum() == first[0] : "plan counted ${first[0]} unique compiles, the build compiled ${compiled}"
assert after == [0, 0] : "after the build nothing is left to compile: ${after}"
trio.each { m ->
    boolean zero = buildLog.contains("[INFO] [${m}] plan: 0 to compile, 2 reused")
    assert zero : "${m}: 0 to compile after the build"
}
// Reasons, as the plan of the empty store and of web02 after web01 name them.
boolean noBinpkg = buildLog.contains('[INFO] [web01]   compile app-misc/hello-1.0 USE="colour greeting l10n_de": no binpkg')
assert noBinpkg : 'web01 plans hello with its USE, because the partition has none'
boolean reuse = buildLog.contains('[INFO] [web02]   reuse   app-misc/hello-1.0 USE="colour"')
assert reuse : 'web02 reuses its hello after the build'

// plan.json (from plan 8).
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/zentoo/plan.json'))
assert json.uniqueCompiles == 0 && json.compilesOverMachines == 0
assert json.machines*.machine == trio
assert json.machines.every { it.compile.isEmpty() && it.reuse.size() == 2 }
assert json.partitions.size() == 2 && json.partitions.values().find { it == ['web01', 'web02'] }

// 2. REQUIRED_USE: package, constraint and the set lines, before any compile.
boolean required = buildLog.contains('app-misc/choosy-1.0: REQUIRED_USE "^^ ( a b )" is not met; the machine gives it'
        + ' a on (no set line: the profile or the ebuild\'s IUSE default), b on by config/sets/choosy/package.use:2')
assert required : 'the REQUIRED_USE violation names package, constraint and set line'
// 3. A package the site masks: the package, the set line that asked for it, the mask's set line
// and its comment, then Portage's own lines.
boolean masked = buildLog.contains('app-misc/world (asked for by config/sets/fixture/packages:1): every version is'
        + ' masked; app-misc/world-1.0 by package.mask at config/sets/retired/package.mask:2 ("world is retired on this site")')
assert masked : 'the mask names package, the set line that asked for it, the mask line and comment'
boolean maskedPortage = buildLog.contains('Portage: - app-misc/world-1.0::zentoo-test (masked by: package.mask)')
assert maskedPortage : "the mask quotes Portage's own line"

// 7. A misspelled atom in a set: the atom with its set line, Portage's own line, the names
// emerge would suggest, and the plan log, which holds that line of Portage's.
boolean typo = buildLog.contains('app-misc/helo (asked for by config/sets/typo/packages:2): no package of that name'
        + ' is in the machine\'s repositories; maybe you meant any of these: app-misc/hello,')
assert typo : 'the refusal names the atom, its set line and emerge\'s suggestion app-misc/hello'
boolean typoPortage = buildLog.contains('Portage: emerge: there are no ebuilds to satisfy "app-misc/helo".')
assert typoPortage : "the refusal quotes Portage's own line"
def refusalLogs = (buildLog =~ /Portage's whole output: (\S+)/).collect { it[1] }.unique()
def typoLog = refusalLogs.find { it.endsWith('typo-plan.log') }
assert typoLog : "the refusal names the plan log: ${refusalLogs}"
boolean logHolds = new File(typoLog).text.contains('emerge: there are no ebuilds to satisfy "app-misc/helo".')
assert logHolds : "${typoLog} holds Portage's line"
// 9. The build's own emerge (plan skipped) refuses the same atom, named the same way, with its build log.
boolean buildRefused = buildLog.contains('[typo] Portage refuses this machine\'s @world (nothing was compiled):\n'
        + '  app-misc/helo (asked for by config/sets/typo/packages:2): no package in the machine\'s repositories'
        + ' matches it.')
assert buildRefused : 'the build names the atom and its set line as the plan does'
def typoBuildLog = refusalLogs.find { it.endsWith('typo-build.log') }
assert typoBuildLog && new File(typoBuildLog).text.contains('emerge: there are no ebuilds to satisfy "app-misc/helo".') :
        "the build's refusal names its log, which holds Portage's line: ${refusalLogs}"
['choosy', 'masked'].each { m ->
    assert !new File(basedir, "target/zentoo/logs/${m}-build.log").exists() : "${m} never reached its build step"
}

// 4 and 6. The site asks for greeting, the profile masks it for hello: both locations.
def conflict = 'config/sets/wants-greeting/package.use:1 turns greeting on for app-misc/hello, but the profile masks it' +
        ' (profiles/default/linux/amd64/plan-masks/package.use.mask:3)'
boolean strictError = buildLog.contains('[maskflag] the site asks for flags the profile refuses (an error under zentoo.strict)')
assert strictError : 'under zentoo.strict the conflict is an error'
boolean warning = lines.any { it.startsWith('[WARNING] [maskflag] ' + conflict) }
assert warning : 'without strict the conflict is a warning'
def maskflagRow = lines.find { it =~ /^\[INFO\] maskflag\s+\S+\s+OK\s+\S+\s+0 compiled, 2 reused/ }
assert maskflagRow : 'maskflag builds, hello without greeting, reused from web02'

def left = fixture.dockerLines(['ps', '-a', '-q', '--filter', 'label=org.zentoo.site=org.zentoo.it:plan-build'])
assert left.isEmpty() : "containers left behind: ${left}"
fixture.removeVolumes(prefix)
return true
