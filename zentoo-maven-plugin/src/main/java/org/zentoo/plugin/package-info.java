/**
 * The Maven face of Zentoo: the only package that imports Maven. A Mojo reads
 * its parameters, calls one method of the pipeline (or of the site model,
 * renderer or archiver), maps exceptions, and attaches artifacts.
 *
 * <h2>One rule for errors</h2>
 * What the user must change fails the build with {@code MojoFailureException}:
 * <ul>
 *   <li>the config ({@code ConfigException}, naming {@code file:line}), a bad parameter value;</li>
 *   <li>a seed or snapshot reference, digest or signature the user gave ({@code SeedException} whose problem is
 *       user input);</li>
 *   <li>a machine step that Portage refused ({@code StepFailedException}: a package that does not build, a
 *       missing binpkg variant, a masked KERNEL);</li>
 *   <li>a machine that is not rendered ({@code NotRenderedException});</li>
 *   <li>the lock and the site's own tests, when they land.</li>
 * </ul>
 * What the environment did is a {@code MojoExecutionException}: the Docker daemon ({@code EngineException}),
 * the disk and other I/O ({@code IOException}), the network and registries ({@code SeedException} of a
 * download), an interrupt. The same exception maps the same way wherever it is raised: before any machine
 * runs, or inside a machine's step, where it first becomes a FAILED row of the summary. {@code Failures}
 * holds the rule.
 */
package org.zentoo.plugin;
