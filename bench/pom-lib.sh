# The head every bench pom shares, up to <packaging>: artifactId $1. Sourced by
# bench/site-lib.sh and bench/distcc-lib.sh.
pom_head() {
  cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.zentoo.bench</groupId>
  <artifactId>$1</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
POM
}
