#!/bin/sh
# Rebuilds packages/fonts/fonts/NotoSansSC-Regular.ttf from the upstream Google Fonts TrueType build.
# One-off step (the result is committed); CI never runs it. Needs npm, tar and python3-fonttools (Debian).
#
# Why: @pdf-lib/fontkit 1.1.1 copies glyph records unpadded when subsetting; with a short `loca` table every
# odd-length record shifts all later glyphs (certificate.md §6.1). Re-saving with glyf.padding=4 pads every record
# to 4 bytes; the outlines are unchanged. Timestamps are kept (recalcTimestamp=False) so the output is reproducible.
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null
tar -xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz package/400Regular/NotoSansSC_400Regular.ttf package/LICENSE_FONT
/usr/bin/python3 - "$here/fonts/NotoSansSC-Regular.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont('package/400Regular/NotoSansSC_400Regular.ttf', recalcTimestamp=False)
font['glyf'].padding = 4
font.save(sys.argv[1])
PY
cp package/LICENSE_FONT "$here/fonts/OFL.txt"
sha256sum "$here/fonts/NotoSansSC-Regular.ttf" "$here/fonts/OFL.txt"
