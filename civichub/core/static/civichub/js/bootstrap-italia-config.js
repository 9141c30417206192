// Runs before Bootstrap Italia's bundle: its bundled video.js would otherwise add
// <style> elements on load, which the Content-Security-Policy (no inline styles)
// refuses. Bootstrap Italia's CSS already carries video.js's styles.
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
