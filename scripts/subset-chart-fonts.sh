#!/bin/sh
# One-off, kept to show how assets/fonts/DejaVuSans*.ttf were made (see assets/fonts/README.md), and
# to make them again, e.g. for a wider character set. It cuts DejaVu Sans 2.37 down to the characters
# a chart can show, which takes the two files from 1.46 MB to about 0.34 MB of the install.
#
# Needs fonttools' pyftsubset (Debian: apt-get install fonttools; or pip install fonttools).
# Usage: scripts/subset-chart-fonts.sh [folder with the unmodified DejaVu Sans 2.37 .ttf files]
# Without a folder the unmodified files come from the git history, as committed before subsetting.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
unmodified_commit=34b0a18
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Latin in all its European and Vietnamese forms with combining accents, Greek, Cyrillic, general
# punctuation, currency signs, letterlike symbols (№ ™), arrows, maths operators (− ≤ ≥) and
# geometric shapes (• ▲ ●), plus the replacement character. Usernames are ASCII by the bot's own
# rule; the rest is room for names and titles the vendors or resellers write.
unicodes='U+0020-007E,U+00A0-024F,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+FFFD'

for name in DejaVuSans DejaVuSans-Bold; do
  if [ $# -ge 1 ]; then
    cp "$1/$name.ttf" "$work/$name.ttf"
  else
    git -C "$root" show "$unmodified_commit:assets/fonts/$name.ttf" >"$work/$name.ttf"
  fi
  # Hinting is dropped: resvg draws outlines without it, so the charts come out pixel for pixel the
  # same. Kerning and the other layout features stay; all name records stay (copyright, licence).
  pyftsubset "$work/$name.ttf" --output-file="$root/assets/fonts/$name.ttf" --unicodes="$unicodes" \
    --layout-features='*' --no-hinting --name-IDs='*' --name-languages='*' --drop-tables+=FFTM
done
ls -l "$root/assets/fonts/"*.ttf
