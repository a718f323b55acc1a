package org.zentoo.render;

import org.zentoo.machine.Machine;
import org.zentoo.makeconf.MakeConfStack;

import java.util.List;
import java.util.SortedMap;

/**
 * Everything Zentoo writes for one machine, keyed by path relative to the output
 * directory ({@code machines/<id>/etc/portage/make.conf}, {@code assembly/<id>/services}).
 */
public record RenderedMachine(Machine machine, MakeConfStack makeConf, SortedMap<String, Entry> files,
                              List<String> warnings) {
}
