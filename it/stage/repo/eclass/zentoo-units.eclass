# Zentoo test fixture, not a real eclass: generated C units that keep a compiler
# busy, built by make with $(tc-getCC), that is ${CHOST}-gcc, so that Portage's
# FEATURES=distcc masquerade (${CHOST}-gcc found first on PATH in
# /usr/lib/distcc) sends each compile to a distcc worker. The program prints a sum fixed by C arithmetic, wherever a
# unit compiled.
# @ECLASS_VARIABLE: ZENTOO_UNITS
# How many units to generate.
# @ECLASS_VARIABLE: ZENTOO_UNITS_PROGRAM
# The name of the program the units link into.

case ${EAPI} in
	8) ;;
	*) die "${ECLASS}: EAPI ${EAPI} unsupported" ;;
esac

inherit toolchain-funcs

# One unit: a value the program sums up, and enough unrolled arithmetic to keep
# the optimiser busy at -O2.
_zentoo_unit() {
	local n=$1 f
	echo "unsigned long unit_${n}(unsigned long x);"
	for f in $(seq 1 30); do
		echo "static unsigned long f${f}(unsigned long x) {"
		echo "  unsigned long a[32]; int i;"
		echo "  for (i = 0; i < 32; i++) a[i] = x * ${f} + i;"
		echo "  for (i = 1; i < 32; i++) a[i] ^= a[i-1] * 31 + (a[i] >> 3);"
		echo "  switch (x % 8) { case 0: x += a[3]; break; case 1: x ^= a[5]; break;"
		echo "  case 2: x -= a[7]; break; case 3: x += a[11]; break; case 4: x *= 3; break;"
		echo "  case 5: x ^= a[13]; break; case 6: x += a[17]; break; default: x ^= a[31]; }"
		echo "  return x;"
		echo "}"
	done
	echo "unsigned long unit_${n}(unsigned long x) {"
	echo "  unsigned long r = 0;"
	for f in $(seq 1 30); do echo "  r += f${f}(x + ${f}) & 1;"; done
	echo "  return r + ${n};"
	echo "}"
}

# Writes the units, main.c and a Makefile into the current directory.
zentoo-units_generate() {
	local n objs=()
	for n in $(seq 1 ${ZENTOO_UNITS}); do
		_zentoo_unit ${n} > unit${n}.c || die
		objs+=( unit${n}.o )
	done
	{
		echo "#include <stdio.h>"
		for n in $(seq 1 ${ZENTOO_UNITS}); do echo "unsigned long unit_${n}(unsigned long x);"; done
		echo "int main(void) { unsigned long s = 0;"
		for n in $(seq 1 ${ZENTOO_UNITS}); do echo "  s += unit_${n}(${n});"; done
		echo "  printf(\"${ZENTOO_UNITS_PROGRAM}: ${ZENTOO_UNITS} units, sum %lu\\n\", s); return 0; }"
	} > main.c || die
	{
		echo "OBJS = main.o ${objs[*]}"
		echo "${ZENTOO_UNITS_PROGRAM}: \$(OBJS)"
		printf '\t$(CC) $(LDFLAGS) -o $@ $(OBJS)\n'
		echo "%.o: %.c"
		printf '\t$(CC) $(CFLAGS) -c $< -o $@\n'
	} > Makefile || die
}

# The compiler by name (${CHOST}-gcc), not a path, so the distcc masquerade dir
# on PATH applies.
zentoo-units_compile() {
	emake CC="$(tc-getCC)" CFLAGS="${CFLAGS}" LDFLAGS="${LDFLAGS}"
}
