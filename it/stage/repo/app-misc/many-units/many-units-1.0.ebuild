# Zentoo test fixture, not a real package: forty generated C units built by make
# with plain gcc, so FEATURES=distcc's masquerade (gcc found first on PATH in
# /usr/lib/distcc) sends each compile to a distcc worker. Each unit is heavy
# enough at -O2 that a parallel make keeps several workers busy for a while.
EAPI=8

DESCRIPTION="Zentoo test fixture: many compile units for distcc"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}/${P}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"

UNITS=40

# One unit: a value the program sums up, and enough unrolled arithmetic to keep
# the optimiser busy. The printed sum is fixed by C arithmetic, wherever a unit compiled.
gen_unit() {
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

src_unpack() {
	mkdir -p "${S}" || die
	cd "${S}" || die
	local n objs=()
	for n in $(seq 1 ${UNITS}); do
		gen_unit ${n} > unit${n}.c || die
		objs+=( unit${n}.o )
	done
	{
		echo "#include <stdio.h>"
		for n in $(seq 1 ${UNITS}); do echo "unsigned long unit_${n}(unsigned long x);"; done
		echo "int main(void) { unsigned long s = 0;"
		for n in $(seq 1 ${UNITS}); do echo "  s += unit_${n}(${n});"; done
		echo "  printf(\"many-units: ${UNITS} units, sum %lu\\n\", s); return 0; }"
	} > main.c || die
	{
		echo "OBJS = main.o ${objs[*]}"
		echo "many-units: \$(OBJS)"
		printf '\t$(CC) $(LDFLAGS) -o $@ $(OBJS)\n'
		echo "%.o: %.c"
		printf '\t$(CC) $(CFLAGS) -c $< -o $@\n'
	} > Makefile || die
}

src_compile() {
	# Plain gcc by name, not a path, so the distcc masquerade dir on PATH applies.
	emake CC="${CC:-gcc}" CFLAGS="${CFLAGS}" LDFLAGS="${LDFLAGS}"
}

src_install() {
	dobin many-units
}
