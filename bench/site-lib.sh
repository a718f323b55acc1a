# The 10-machine bench site, shared by bench/noop.sh and bench/swarm.sh. Source it after
# setting root (this checkout), work (the bench's temporary directory) and prefix (its
# volume prefix). Defines version, repo (the Maven options of the bench's own local
# repository under $work, whose tail is ~/.m2/repository: nothing is written to ~/.m2),
# install_plugin and write_site (and pom_head, from pom-lib.sh).

. "$root/bench/pom-lib.sh"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
repo=(-Dmaven.repo.local="$work/repo" -Dmaven.repo.local.tail="$HOME/.m2/repository")

# This checkout's plugin, packaged and installed into the bench's local repository.
install_plugin() {
  "$root/mvnw" -B -q -o -f "$root/pom.xml" -pl zentoo-maven-plugin package -DskipTests
  local f
  for f in "$root/pom.xml:$root/pom.xml" \
      "$root/zentoo-maven-plugin/target/zentoo-maven-plugin-$version.jar:$root/zentoo-maven-plugin/pom.xml"; do
    (cd "$work" && "$root/mvnw" -B -q "${repo[@]}" \
      org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file -Dfile="${f%%:*}" -DpomFile="${f#*:}")
  done
}

# Writes $work/site: 10 machines n01..n10 on the test stage $2 (5 with app-misc/hello,
# 5 with app-misc/world, hello in three USE variants; SNAPSHOT=seed, no kernel,
# tar.zst level 3), artifactId $1, render, build, assemble and kernel bound to their phases.
write_site() { # artifactId image
  local c=$work/site/config i m parents
  mkdir -p "$c"/sets/{bench,hello,world,greeting,french}
  cat > "$c/site.conf" <<CONF
SEED="$2"
SNAPSHOT="seed"
PROFILE="zentoo-test:default/linux/amd64"
KERNEL=""
CONF
  cp "$root/it/src/it/build-assemble/config/sets/fixture/repos.conf" "$c/sets/bench/"
  cp "$root/it/src/it/build-assemble/config/sets/fixture/make.conf" "$c/sets/bench/"
  echo app-misc/hello > "$c/sets/hello/packages"
  echo app-misc/world > "$c/sets/world/packages"
  echo 'app-misc/hello greeting' > "$c/sets/greeting/package.use"
  echo 'app-misc/hello l10n_fr' > "$c/sets/french/package.use"
  for i in 01 02 03 04 05 06 07 08 09 10; do
    m=$c/machines/n$i
    mkdir -p "$m"
    if ((10#$i <= 5)); then parents=(bench hello); else parents=(bench world); fi
    case $i in 02|07) parents+=(greeting) ;; 03|08) parents+=(french) ;; esac
    printf '%s\n' "${parents[@]}" > "$m/parent"
    echo "# bench machine n$i" > "$m/machine.conf"
  done
  { pom_head "$1"; cat <<POM
  <properties>
    <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
    <zentoo.volumePrefix>$prefix</zentoo.volumePrefix>
    <zentoo.stage.format>tar.zst</zentoo.stage.format>
    <zentoo.stage.level>3</zentoo.stage.level>
  </properties>
  <build>
    <pluginManagement><plugins><plugin>
      <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.4</version>
    </plugin></plugins></pluginManagement>
    <plugins><plugin>
      <groupId>org.zentoo</groupId><artifactId>zentoo-maven-plugin</artifactId><version>$version</version>
      <executions><execution><goals>
        <goal>render</goal><goal>build</goal><goal>assemble</goal><goal>kernel</goal>
      </goals></execution></executions>
    </plugin></plugins>
  </build>
</project>
POM
  } > "$work/site/pom.xml"
}
