// Starts a watcher that kills worker w1 as soon as it has finished one compile,
// so it dies in the middle of the build. Bounded: it gives up after 15 minutes.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
support.prepare(basedir, testStageImageFile, 'zentoo-it-distcc-dead-worker')
def killed = new File(basedir, 'killed-worker.txt')
Thread.startDaemon('zentoo-it-worker-killer') {
    long deadline = System.currentTimeMillis() + 15 * 60 * 1000
    while (System.currentTimeMillis() < deadline) {
        def w1 = support.sh(['docker', 'ps', '--format', '{{.Names}}',
                             '--filter', 'label=org.zentoo.site=org.zentoo.it:distcc-dead-worker',
                             '--filter', 'label=org.zentoo.distcc=worker']).out.readLines().find { it.endsWith('-w1') }
        if (w1) {
            def logs = support.sh(['docker', 'logs', w1])
            if ((logs.out + logs.err).contains('COMPILE_OK')) {
                support.sh(['docker', 'kill', w1])
                killed.text = w1
                return
            }
        }
        sleep 200
    }
}
return true
