#!/usr/bin/env bash
# Builds the Debian package: build/kc_<version>_amd64.deb (CPack, from the Release build).
# It installs kc in /usr/bin, web/, the robot list, the starter content and the example
# config in /usr/share/kc, and the systemd unit; `apt-get install ./build/kc_…deb` pulls in
# the runtime libraries. tools/test_package.sh proves it on a pristine Debian 12.
#   tools/package.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./tools/setup.sh
./tools/build.sh Release -DKC_BUILD_TESTS=OFF
rm -f build/kc_*.deb
if ! (cd build/release && cpack -G DEB -B "$top/build") >build/package.log 2>&1; then
  tail -30 build/package.log >&2
  echo "package: cpack failed (full log in build/package.log)" >&2
  exit 2
fi
deb=$(ls build/kc_*_amd64.deb)
echo "package: $deb"
dpkg-deb --field "$deb" Package Version Depends
