/* test stand-in for the widget module's loader (gateway-service tests only) */
(function(){var s=document.createElement("script");s.src=new URL("widget/widget.t3st0000.js",document.currentScript.src).href;s.async=true;document.head.appendChild(s);})();
