# Shared by bench/distcc.sh and bench/cross.sh: a one-machine site's pom that renders
# and builds, the distcc images a bench made, and the "where compiles ran" column
# read from a summary table row. Source it after setting root, work and prefix.

. "$root/bench/pom-lib.sh"

# Writes $work/pom.xml: artifactId $1, render and build bound to compile.
write_build_pom() {
  local version
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
  { pom_head "$1"; cat <<POM
  <build><plugins><plugin>
    <groupId>org.zentoo</groupId><artifactId>zentoo-maven-plugin</artifactId><version>$version</version>
    <executions><execution><goals><goal>render</goal><goal>build</goal></goals></execution></executions>
  </plugin></plugins></build>
</project>
POM
  } > "$work/pom.xml"
}

# The machine images Zentoo made with distcc for this bench's binpkg store.
drop_images() {
  docker images --format '{{.Repository}}:{{.Tag}}' --filter label=org.zentoo.distcc.store=$prefix-binpkgs \
    | xargs -r docker rmi >/dev/null
}

drop_volumes() {
  docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null
}

# The distcc column of a summary table row ($1), with the remote share.
remote_share() {
  local where remote local_
  where=$(grep -o 'distcc: .*' <<<"$1")
  remote=$(sed -n 's/distcc: \([0-9]*\) compile jobs remote.*/\1/p' <<<"$where")
  local_=$(sed -n 's/.*, \([0-9]*\) local$/\1/p' <<<"$where")
  echo "$where; remote share $(( 100 * remote / (remote + local_) ))%"
}
