/* The command center's grid map: layers the page builds once, and the small
 * updates Python sends afterwards (window.ccMap). Text from the database is only
 * ever inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var CLASS_COLOURS = ["#eceff1", "#ffe082", "#ffb74d", "#f4511e", "#b71c1c"];

  function countClass(bounds, n) {
    var k = 0;
    for (var i = 0; i < bounds.length; i += 1) {
      if (n >= bounds[i]) { k = i; }
    }
    return k;
  }

  function legend(map, title, bounds) {
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "cc-legend");
      var heading = L.DomUtil.create("div", "cc-legend-title", box);
      heading.textContent = title;
      bounds.forEach(function (low, i) {
        var line = L.DomUtil.create("div", "cc-legend-row", box);
        var swatch = L.DomUtil.create("span", "cc-swatch", line);
        swatch.style.background = CLASS_COLOURS[i];
        var label = L.DomUtil.create("span", "", line);
        var high = i + 1 < bounds.length ? bounds[i + 1] - 1 : null;
        label.textContent = high === null ? "≥ " + low : (high === low ? String(low) : low + "–" + high);
      });
      return box;
    };
    control.addTo(map);
  }

  window.ccMapInit = function (map, options) {
    var grids = JSON.parse(document.getElementById(options.gridsElement).textContent);
    var counts = options.counts || {};
    var byCode = {};

    function style(feature) {
      var n = counts[feature.properties.code] || 0;
      return {
        weight: 0.4,
        color: "#78909c",
        fillColor: CLASS_COLOURS[countClass(options.classes, n)],
        fillOpacity: n ? 0.6 : 0.15
      };
    }

    var layer = L.geoJSON(grids, {
      style: style,
      onEachFeature: function (feature, item) {
        byCode[feature.properties.code] = item;
        item.bindTooltip(function () {
          var text = document.createElement("span");
          var n = counts[feature.properties.code] || 0;
          text.textContent = feature.properties.name + " · " + n;
          return text;
        }, {sticky: true});
      }
    }).addTo(map);
    layer.bringToBack();
    map.fitBounds(layer.getBounds());
    legend(map, options.legendTitle, options.classes);
    var credit = document.createElement("span");
    credit.textContent = options.attribution;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(credit.innerHTML);

    var labels = options.streetLabels.map(function (street) {
      var text = document.createElement("span");
      text.textContent = street.illustrative ? street.name + options.illustrativeSuffix : street.name;
      return L.tooltip({permanent: true, direction: "center", className: "cc-street-label"})
        .setLatLng(street.at)
        .setContent(text)
        .addTo(map);
    });

    window.ccMap = {
      labelTexts: function () {
        return labels.map(function (label) { return label.getElement().textContent; });
      },
      gridCount: function () { return Object.keys(byCode).length; },
      setCount: function (code, n) {
        counts[code] = n;
        if (byCode[code]) { byCode[code].setStyle(style(byCode[code].feature)); }
      },
      fillOf: function (code) { return byCode[code] ? byCode[code].options.fillColor : null; }
    };
    document.title = "cc-map-ready";
  };
}());
