// Runs after archetype:generate. validationRegex in archetype-metadata.xml is only
// checked when properties are asked interactively, so batch mode (-B, CI, scripts)
// would accept a machine or site name Maven cannot use. Check them here and fail
// with a message that says what is allowed.
import java.nio.file.Files
import java.nio.file.Path

def problems = []

def machine = request.properties.getProperty('machine')
// The machine id becomes the classifier stage3-<machine> and a directory name.
if (!(machine ==~ /[a-z0-9][a-z0-9_.-]*/)) {
    problems << "machine '${machine}' cannot be a machine id: use lower-case letters, digits, '.', '_' and '-', " +
            "starting with a letter or digit (it becomes the artifact classifier stage3-<machine>)"
}

def seed = request.properties.getProperty('seed')
if (!(seed in ['gentoo', 'offline'])) {
    problems << "seed '${seed}' is not known: use gentoo (gentoo/stage3 and the Gentoo repository) or offline" +
            " (Zentoo's test stage, no network)"
}

// The artifactId names the site's artifacts and its directory; the groupId is a path in the repository.
def artifactId = request.artifactId
if (!(artifactId ==~ /[A-Za-z0-9_.-]+/)) {
    problems << "artifactId '${artifactId}' cannot be a Maven artifactId: use letters, digits, '.', '_' and '-'"
}
def groupId = request.groupId
if (!(groupId ==~ /[A-Za-z0-9_.-]+/)) {
    problems << "groupId '${groupId}' cannot be a Maven groupId: use letters, digits, '.', '_' and '-'"
}

if (problems) {
    // Leave no half-usable site behind. Only a valid artifactId is a plain directory
    // name, so only then is it safe to resolve and remove.
    def site = Path.of(request.outputDirectory, artifactId)
    if (!problems.any { it.startsWith('artifactId') } && Files.isDirectory(site)) {
        site.toFile().deleteDir()
    }
    throw new IllegalArgumentException('Zentoo site not generated:\n  ' + problems.join('\n  '))
}
