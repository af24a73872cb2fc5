#!/usr/bin/env bash
# Virtual sound card for machines without one (CI, containers, servers).
#
#   bash scripts/virtual-audio.sh start    # idempotent
#   bash scripts/virtual-audio.sh stop
#   bash scripts/virtual-audio.sh status   # exit 0 when the pair is ready, 3 otherwise
#
# Two PulseAudio null sinks: "speaker" (what the app plays goes here) and "mic"
# (paplay --device=mic writes here; its monitor "mic.monitor" is the app's input).
# PortAudio reaches PulseAudio through the ALSA "pulse"/"default" devices.
# When we start the daemon ourselves, the pair becomes the default sink/source;
# on a desktop with its own PulseAudio we only add the sinks and leave the user's
# defaults alone (set PULSE_SINK=speaker PULSE_SOURCE=mic.monitor to use them).
set -u

MARKER="${XDG_RUNTIME_DIR:-/tmp}/interviewer-virtual-audio.$(id -u).started"

PIDS="${XDG_RUNTIME_DIR:-/tmp}/interviewer-virtual-audio.$(id -u).keepalive"

say() { echo "virtual-audio: $*"; }

server_up() { pactl info >/dev/null 2>&1; }

has_sink() { pactl list short sinks 2>/dev/null | awk '{print $2}' | grep -qx "$1"; }

ready() { server_up && has_sink speaker && has_sink mic; }

start() {
    if ! command -v pulseaudio >/dev/null || ! command -v pactl >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            say "installing pulseaudio pulseaudio-utils libasound2-plugins"
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                pulseaudio pulseaudio-utils libasound2-plugins >/dev/null) || { say "apt-get failed"; exit 1; }
        else
            say "PulseAudio is not installed; device tests will be skipped."
            say "to enable them run: sudo apt-get install -y pulseaudio pulseaudio-utils libasound2-plugins"
            exit 0
        fi
    fi
    if ! server_up; then
        # Root is allowed (it only warns); -n skips the desktop config so no real
        # hardware is probed, always-sink keeps the daemon useful before our sinks load.
        pulseaudio -D --exit-idle-time=-1 -n \
            --load=module-native-protocol-unix --load=module-always-sink 2>/dev/null \
            || { say "could not start pulseaudio (try: pulseaudio -vvv -n)"; exit 1; }
        for _ in $(seq 50); do server_up && break; sleep 0.1; done
        server_up || { say "pulseaudio started but does not answer"; exit 1; }
        echo "started" >"$MARKER"
    fi
    for name in speaker mic; do
        has_sink "$name" || pactl load-module module-null-sink sink_name="$name" \
            sink_properties=device.description=interviewer-"$name" >/dev/null
    done
    if [ -f "$MARKER" ]; then
        pactl set-default-sink speaker
        pactl set-default-source mic.monitor
    fi
    keep_sinks_responsive
    ready || { say "null sinks did not appear"; exit 1; }
    say "ready (output: speaker, input: mic.monitor; feed it with paplay --device=mic FILE)"
}

# An idle null sink consumes audio in 2 s blocks, so every playback would end
# ~1.9 s late (measured). A silent low-latency stream on each sink makes it
# run in 30 ms blocks; pacat feeding zeros costs a few % of one core.
keep_sinks_responsive() {
    if [ -f "$PIDS" ] && [ "$(alive_count)" = 2 ]; then return; fi
    stop_keepalive
    for name in speaker mic; do
        setsid nohup pacat --playback --raw --device="$name" --latency-msec=30 </dev/zero >/dev/null 2>&1 &
        echo $! >>"$PIDS"
    done
}

alive_count() {  # zombies do not count
    local n=0
    while read -r pid; do
        ps -o stat= -p "$pid" 2>/dev/null | grep -qv Z && n=$((n + 1))
    done <"$PIDS"
    echo "$n"
}

stop_keepalive() {
    [ -f "$PIDS" ] && xargs -r kill <"$PIDS" 2>/dev/null
    rm -f "$PIDS"
}

stop() {
    stop_keepalive
    if [ -f "$MARKER" ]; then
        pulseaudio -k 2>/dev/null || true
        rm -f "$MARKER"
        say "stopped"
        return
    fi
    server_up || { say "not running"; return; }
    # Someone else's daemon: remove only our two sinks.
    pactl list short modules | awk '/module-null-sink/ && /sink_name=(speaker|mic)( |$)/ {print $1}' |
        while read -r id; do pactl unload-module "$id"; done
    say "removed the speaker/mic sinks"
}

status() {
    if ready; then
        say "running: sinks speaker + mic, default source $(pactl get-default-source 2>/dev/null)"
        exit 0
    fi
    server_up && say "pulseaudio running but the speaker/mic sinks are missing" || say "not running"
    exit 3
}

case "${1:-status}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
