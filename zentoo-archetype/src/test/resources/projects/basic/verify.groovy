println "VERIFY RAN in " + basedir
assert false : "probe"
