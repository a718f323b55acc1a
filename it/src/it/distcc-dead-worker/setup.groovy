// Kills worker w1 once its distccd has logged KILL_AFTER finished compile jobs
// (COMPILE_OK), so it dies with most of the 41 compiles of app-misc/many-units
// still to do. The count comes from distccd's own log, read as a stream
// (docker logs --follow), not from a poll racing the build. The watcher notes
// what it saw at the kill in killed-worker.properties for verify.groovy.
// Bounded: it gives up 15 minutes after setup.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
support.prepare(basedir, testStageImageFile, 'zentoo-it-distcc-dead-worker')
final int KILL_AFTER = 3
def killed = new File(basedir, 'killed-worker.properties')
def site = 'label=org.zentoo.site=org.zentoo.it:distcc-dead-worker'
Thread.startDaemon('zentoo-it-worker-killer') {
    long deadline = System.currentTimeMillis() + 15 * 60 * 1000
    // The workers start after the distcc image is made: wait for w1 to exist.
    String w1 = null
    while (w1 == null && System.currentTimeMillis() < deadline) {
        w1 = support.sh(['docker', 'ps', '--format', '{{.Names}}', '--filter', site,
                         '--filter', 'label=org.zentoo.distcc=worker'], 60).out.readLines().find { it.endsWith('-w1') }
        if (w1 == null) {
            sleep 500
        }
    }
    if (w1 == null) {
        return
    }
    def follow = new ProcessBuilder('timeout', '900', 'docker', 'logs', '--follow', w1).redirectErrorStream(true).start()
    int done = 0
    follow.inputStream.withReader { reader ->
        String line
        while (done < KILL_AFTER && (line = reader.readLine()) != null) {
            if (line.contains('COMPILE_OK')) {
                done++
            }
        }
    }
    if (done < KILL_AFTER) {
        follow.destroy()
        return
    }
    def kill = support.sh(['docker', 'kill', w1], 60)
    follow.destroy()
    // What the other worker had finished at the kill: verify.groovy checks that the
    // build compiled more after it.
    def w2 = w1[0..-2] + '2'
    def w2Logs = support.sh(['docker', 'logs', w2], 60)
    def props = new Properties()
    props.worker = w1
    props.killExit = kill.exit.toString()
    props.w1JobsAtKill = done.toString()
    props.w2JobsAtKill = (w2Logs.out + w2Logs.err).readLines().count { it.contains('COMPILE_OK') }.toString()
    killed.withWriter { props.store(it, 'worker killed by setup.groovy') }
}
return true
