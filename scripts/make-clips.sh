#!/bin/sh
# Makes the camera simulator's test clips: ffmpeg testsrc2 plus temporal noise, 25 fps, one IDR every
# 50 frames, no B-frames, raw Annex B, through libx264 and libx265.
#   scripts/make-clips.sh          the small clips committed under media/clips/ (640x360, 4 s)
#   scripts/make-clips.sh --bench  the 1080p ~5 Mbit/s clips for the recorder benchmark, under data/clips/
# Single-threaded encoders and -bitexact keep the small clips byte-identical from run to run.
set -eu
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--bench" ]; then
  size=1920x1080; seconds=10; rate=5M; out=data/clips; name=testsrc-1080p25; threads=0
else
  size=640x360; seconds=4; rate=400k; out=media/clips; name=testsrc-360p25; threads=1
fi
mkdir -p "$out"

source="testsrc2=size=$size:rate=25:duration=$seconds,noise=alls=12:allf=t+u:all_seed=4242,format=yuv420p"
common="-hide_banner -loglevel error -y -f lavfi -i $source -an -fflags +bitexact -flags:v +bitexact"

# shellcheck disable=SC2086
ffmpeg $common -c:v libx264 -threads $threads -preset veryfast -profile:v high -bf 0 -g 50 -keyint_min 50 \
  -sc_threshold 0 -b:v $rate -maxrate $rate -bufsize $rate -x264-params nal-hrd=none \
  -bsf:v h264_mp4toannexb -f h264 "$out/$name.h264"

# open-gop=0: a keyframe is an IDR, not a CRA, so every loop of the clip starts cleanly.
x265_threads="pools=none:frame-threads=1"
[ "$threads" = 0 ] && x265_threads="frame-threads=0"
# shellcheck disable=SC2086
ffmpeg $common -c:v libx265 -preset veryfast -b:v $rate \
  -x265-params "log-level=error:$x265_threads:bframes=0:keyint=50:min-keyint=50:scenecut=0:open-gop=0:repeat-headers=1:vbv-maxrate=${rate%?}000:vbv-bufsize=${rate%?}000" \
  -bsf:v hevc_mp4toannexb -f hevc "$out/$name.h265"

ls -l "$out/$name.h264" "$out/$name.h265"
