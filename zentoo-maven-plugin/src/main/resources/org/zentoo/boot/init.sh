#!/bin/sh
# Zentoo's /init for a boot test (zentoo:test): the kernel runs it as PID 1 from the
# initramfs that holds the machine's stage. It mounts /proc, /sys and /dev, runs
# each test listed in /var/lib/zentoo/boot/order (lines "<name> <script>": the
# built-in checks, then the site's tests/boot scripts), frames everything on the
# console for org.zentoo.boot.BootConsole, and powers the machine off:
#   ZENTOO-BOOT begin <uname -r>
#   ZENTOO-TEST-BEGIN <name>
#   ZENTOO-OUT <name> <a line the test printed>
#   ZENTOO-TEST <name> PASS|FAIL <exit status> <milliseconds>
#   ZENTOO-BOOT end <tests> <failed>
# Only what every stage has: sh, mount, cat, date. No busybox, no poweroff needed.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm /run /tmp
mount -t tmpfs -o mode=0755 tmpfs /run
# Kernel messages below "alert" stay off the console, so they do not cut test lines.
echo 1 > /proc/sys/kernel/printk
echo "ZENTOO-BOOT begin $(uname -r)"

total=0
failed=0
if [ -f /var/lib/zentoo/boot/order ]; then
	while read -r name script; do
		[ -n "$name" ] || continue
		echo "ZENTOO-TEST-BEGIN $name"
		start=$(date +%s%N)
		{
			if [ -x "$script" ]; then "$script"; else sh "$script"; fi </dev/null 2>&1
			echo $? > /run/zentoo-rc
		} | while IFS= read -r line || [ -n "$line" ]; do
			printf 'ZENTOO-OUT %s %s\n' "$name" "$line"
		done
		end=$(date +%s%N)
		rc=$(cat /run/zentoo-rc 2>/dev/null || echo 255)
		total=$((total + 1))
		if [ "$rc" = 0 ]; then state=PASS; else state=FAIL; failed=$((failed + 1)); fi
		echo "ZENTOO-TEST $name $state $rc $(((end - start) / 1000000))"
	done < /var/lib/zentoo/boot/order
else
	echo "ZENTOO-BOOT error /var/lib/zentoo/boot/order is missing: the initramfs is incomplete"
fi
echo "ZENTOO-BOOT end $total $failed"
sync
# Power off through magic SysRq (always writable by root); should that fail, PID 1
# exits, the kernel panics and panic=-1 with QEMU's -no-reboot ends the machine.
echo o > /proc/sysrq-trigger
sleep 5
exit 0
