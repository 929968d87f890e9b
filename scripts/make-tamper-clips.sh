#!/bin/sh
# Makes the tamper test clips (art. 23(2)) from the simulator's scene (ffmpeg testsrc2 with temporal noise,
# 640x360, as scripts/make-clips.sh): 24 s each, 25 fps, one IDR a second, raw Annex B H.264.
# The tamper (or the harmless change, for the clean clips) starts at second 10; the clip name says which.
#   scripts/make-tamper-clips.sh OUTDIR
# Tamper: covered, sprayed, defocused, moved, signal-lost. Clean: normal, ir-switch, lights, passer-by.
set -eu
out="${1:?usage: make-tamper-clips.sh OUTDIR}"
ffmpeg="${FFMPEG:-ffmpeg}"
mkdir -p "$out"
scene="testsrc2=size=640x360:rate=25:duration=24,noise=alls=12:allf=t+u:all_seed=4242"
on="gte(t,10)"

clip() {
  name="$1"; graph="$2"
  "$ffmpeg" -hide_banner -loglevel error -y -f lavfi -i "$scene" -an \
    -filter_complex "[0:v]$graph,format=yuv420p[v]" -map "[v]" \
    -c:v libx264 -threads 1 -preset veryfast -profile:v high -bf 0 -g 25 -keyint_min 25 -sc_threshold 0 \
    -b:v 400k -maxrate 400k -bufsize 400k -x264-params nal-hrd=none -fflags +bitexact -flags:v +bitexact \
    -bsf:v h264_mp4toannexb -f h264 "$out/$name.h264"
}

# No change at all: a plain view (the simulator's normal picture for the end-to-end test and the benchmark).
clip normal "null"

# Tamper from second 10.
clip covered "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='$on'"
clip sprayed "boxblur=12:2:enable='$on',eq=contrast=0.25:brightness=0.3:enable='$on'"
clip defocused "gblur=sigma=12:enable='$on'"
# A 40 % turn: the picture shifted sideways (wrapped round, so no black border helps the detector).
clip moved "split[a][b];[b]split[c][d];[c]crop=iw*0.6:ih:iw*0.4:0[r];[d]crop=iw*0.4:ih:0:0[l];[r][l]hstack[s];[a][s]overlay=enable='$on'"
clip signal-lost "drawbox=x=0:y=0:w=iw:h=ih:color=blue:t=fill:enable='$on'"
# Clean: no alarm may come of these.
clip ir-switch "hue=s=0:enable='$on',eq=brightness=0.12:contrast=1.3:enable='$on'"
clip lights "eq=brightness=-0.18:enable='between(t,10,17)',eq=brightness=0.15:enable='gte(t,17)'"
# A person close to the lens: a dark shape a third of the frame wide crossing it in 2 s.
clip passer-by "null[base];color=c=0x1c1c1c:s=224x324:r=25:d=24[body];[base][body]overlay=x='(t-10)*W/1.5-w':y=H*0.05:enable='between(t,10,12)'"
