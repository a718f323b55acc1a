/**
 * Upgrading a site's shipped content: the {@code config/<kind>/zentoo/} folders and
 * {@code config/README.md} are replaced by the copy bundled in the plugin; everything
 * else in config/ (the user's sets, machines, site.conf) is the user's and is never
 * read or written here.
 */
package org.zentoo.upgrade;
