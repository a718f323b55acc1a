package org.zentoo.makeconf;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which variables are USE_EXPAND. The profile decides, but the repository may not be
 * at hand when rendering, so Zentoo carries the list of Gentoo's profiles/base/make.defaults
 * (plus names newer eclasses rely on) and lets site.conf add more with USE_EXPAND_EXTRA.
 */
public final class UseExpand {

    private static final Set<String> GENTOO_BASE = Set.of(
            "ABI_LOONG", "ABI_MIPS", "ABI_PPC", "ABI_RISCV", "ABI_S390", "ABI_X86", "ADA_TARGET", "ALSA_CARDS",
            "AMDGPU_TARGETS", "APACHE2_MODULES", "APACHE2_MPMS", "CALLIGRA_FEATURES", "CAMERAS",
            "COLLECTD_PLUGINS", "CPU_FLAGS_ARM", "CPU_FLAGS_PPC", "CPU_FLAGS_X86", "CURL_QUIC", "CURL_SSL",
            "ELIBC", "FFTOOLS", "GPSD_PROTOCOLS", "GRUB_PLATFORMS", "GUILE_SINGLE_TARGET", "GUILE_TARGETS",
            "INPUT_DEVICES", "KERNEL", "L10N", "LCD_DEVICES", "LIBREOFFICE_EXTENSIONS", "LLVM_SLOT",
            "LLVM_TARGETS", "LUA_SINGLE_TARGET", "LUA_TARGETS", "NGINX_MODULES_HTTP", "NGINX_MODULES_MAIL",
            "NGINX_MODULES_STREAM", "OFED_DRIVERS", "OFFICE_IMPLEMENTATION", "OPENMPI_FABRICS",
            "OPENMPI_OFED_FEATURES", "OPENMPI_RM", "PHP_TARGETS", "POSTGRES_TARGETS", "PYTHON_SINGLE_TARGET",
            "PYTHON_TARGETS", "QEMU_SOFTMMU_TARGETS", "QEMU_USER_TARGETS", "ROCM_VERSION", "ROS_MESSAGES",
            "RUBY_TARGETS", "SANE_BACKENDS", "UWSGI_PLUGINS", "VIDEO_CARDS", "VOICEMAIL_STORAGE",
            "XTABLES_ADDONS");

    private final Set<String> names;

    private UseExpand(Set<String> names) {
        this.names = names;
    }

    public static UseExpand gentoo() {
        return new UseExpand(GENTOO_BASE);
    }

    public UseExpand with(Collection<String> extra) {
        Set<String> all = new TreeSet<>(names);
        all.addAll(extra);
        return new UseExpand(Set.copyOf(all));
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /** The USE flag prefix Portage derives from a USE_EXPAND name: {@code VIDEO_CARDS} gives {@code video_cards_}. */
    public static String prefix(String name) {
        return name.toLowerCase(java.util.Locale.ROOT) + "_";
    }

    public Set<String> names() {
        return names;
    }
}
