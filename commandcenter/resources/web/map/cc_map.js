/* The command center's grid map: layers the page builds once, then small updates.
 *
 * Python talks to the page through one QWebChannel object, `bridge`: it emits
 * `message(json)` with a list of operations (see `apply`), and the page answers
 * with `bridge.post(json)` ({type: "ready" | "case" | "grid" | "camera" |
 * "picked" | "reply"}). Without a channel (a plain browser, the page tests) the
 * same operations can be applied with window.ccMap.apply(list).
 *
 * Text from the database is only ever inserted with textContent, never as HTML.
 *
 * `options.display` ({unit: px}) is the wall's display mode: dark, the grids as
 * a heat map, text sized to the wall, priority 1 and 2 cases pulsing, clusters
 * only where markers would overlap, and no zoom buttons (nobody is at the wall).
 */
(function () {
  "use strict";

  var CLASS_COLOURS = ["#eceff1", "#ffe082", "#ffb74d", "#f4511e", "#b71c1c"];
  var HEAT_COLOURS = ["#16223c", "#f9a825", "#ef6c00", "#e53935", "#ff1744"];
  var HEAT_OPACITY = [0.35, 0.6, 0.72, 0.85, 0.95];
  var STATE_COLOURS = {
    reported: "#1e88e5", registered: "#5e35b1", dispatched: "#2e7d32",
    in_progress: "#2e7d32", handled: "#00897b", suspended: "#757575"
  };
  var DEADLINE_COLOURS = {amber: "#ff8f00", red: "#c62828"};
  var URGENCY = {red: 3, amber: 2};

  function countClass(bounds, n) {
    var k = 0;
    for (var i = 0; i < bounds.length; i += 1) {
      if (n >= bounds[i]) { k = i; }
    }
    return k;
  }

  function markerColour(m) {
    return DEADLINE_COLOURS[m.deadline] || STATE_COLOURS[m.state] || "#455a64";
  }

  function textElement(tag, text, className) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    element.textContent = text;
    return element;
  }

  function box(map, position, build) {
    var control = L.control({position: position});
    control.onAdd = function () {
      var element = L.DomUtil.create("div", "cc-legend");
      build(element);
      L.DomEvent.disableClickPropagation(element);
      return element;
    };
    control.addTo(map);
  }

  function legendRow(parent, colour, label, round) {
    var line = L.DomUtil.create("div", "cc-legend-row", parent);
    var swatch = L.DomUtil.create("span", round ? "cc-swatch cc-dot" : "cc-swatch", line);
    swatch.style.background = colour;
    line.appendChild(textElement("span", label));
  }

  function countLegend(map, title, bounds, colours) {
    box(map, "bottomleft", function (element) {
      element.appendChild(textElement("div", title, "cc-legend-title"));
      bounds.forEach(function (low, i) {
        var high = i + 1 < bounds.length ? bounds[i + 1] - 1 : null;
        var label = high === null ? "≥ " + low : (high === low ? String(low) : low + "–" + high);
        legendRow(element, colours[i], label, false);
      });
    });
  }

  function markerLegend(map, texts) {
    box(map, "bottomleft", function (element) {
      element.appendChild(textElement("div", texts.title, "cc-legend-title"));
      legendRow(element, STATE_COLOURS.reported, texts.reported, true);
      legendRow(element, STATE_COLOURS.registered, texts.registered, true);
      legendRow(element, STATE_COLOURS.dispatched, texts.dispatched, true);
      legendRow(element, STATE_COLOURS.handled, texts.handled, true);
      legendRow(element, DEADLINE_COLOURS.amber, texts.amber, true);
      legendRow(element, DEADLINE_COLOURS.red, texts.red, true);
      legendRow(element, STATE_COLOURS.suspended, texts.suspended, true);
      if (texts.pulse) {
        var line = L.DomUtil.create("div", "cc-legend-row", element);
        L.DomUtil.create("span", "cc-swatch cc-dot cc-legend-pulse", line);
        line.appendChild(textElement("span", texts.pulse));
      }
    });
  }

  window.ccMapInit = function (map, options) {
    var grids = JSON.parse(document.getElementById(options.gridsElement).textContent);
    var counts = options.counts || {};
    var byCode = {};
    var markers = {};  // case id -> {data, layer}
    var cameraCount = 0;
    var selected = null;
    var picking = false;
    var send = function () {};  // until the channel is up
    var display = options.display || null;
    if (display) {
      document.body.classList.add("cc-display");
      document.documentElement.style.setProperty("--cc-unit", display.unit + "px");
      map.zoomControl.remove();
    }

    function gridStroke() {
      // the 100 m mesh is dense at district zoom: draw it faint until zoomed in
      var near = map.getZoom() >= 15;
      return {weight: near ? 0.6 : 0.25, opacity: near ? 0.9 : 0.45};
    }

    function gridStyle(feature) {
      var n = counts[feature.properties.code] || 0;
      var k = countClass(options.classes, n);
      var stroke = gridStroke();
      if (display) {
        return {weight: 0.3, opacity: 0.5, color: "#2a3b60",
          fillColor: HEAT_COLOURS[k], fillOpacity: HEAT_OPACITY[k]};
      }
      return {
        weight: stroke.weight,
        opacity: stroke.opacity,
        color: "#78909c",
        fillColor: CLASS_COLOURS[k],
        fillOpacity: n ? 0.6 : 0.15
      };
    }

    function restyleGrid(code) {
      if (byCode[code]) { byCode[code].setStyle(gridStyle(byCode[code].feature)); }
    }

    // without tiles nothing sets the zoom range, and clustering needs a top zoom
    map.options.zoomSnap = 0.25;  // fit the district snugly, not at the next whole zoom
    map.setMinZoom(11);
    map.setMaxZoom(19);
    if (options.tiles) {
      L.tileLayer(options.tiles.url, {maxZoom: 19}).addTo(map);
      if (options.tiles.attribution) {
        map.attributionControl.addAttribution(
          textElement("span", options.tiles.attribution).innerHTML);
      }
    }
    var gridLayer = L.geoJSON(grids, {
      style: gridStyle,
      onEachFeature: function (feature, item) {
        byCode[feature.properties.code] = item;
        item.bindTooltip(function () {
          var n = counts[feature.properties.code] || 0;
          return textElement("span", feature.properties.name + " · " + n);
        }, {sticky: true});
        item.on("click", function () {
          if (!picking) { send({type: "grid", code: feature.properties.code}); }
        });
      }
    }).addTo(map);
    gridLayer.bringToBack();
    fitDistrict();
    // the whole district; a district set up but not yet imported has no
    // grids (and no bounds): then all of China, until its territory comes
    function fitDistrict() {
      var bounds = gridLayer.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds); } else { map.setView([35.0, 105.0], 4); }
    }
    map.on("zoomend", function () { gridLayer.setStyle(gridStyle); });
    map.on("click", function (event) {
      if (!picking) { return; }
      picking = false;
      map.getContainer().classList.remove("cc-picking");
      send({type: "picked", lon: event.latlng.lng, lat: event.latlng.lat});
    });

    var clusterSize = display ? Math.round(display.unit * 0.85) : 32;
    var cases = L.markerClusterGroup({
      maxClusterRadius: display ? Math.round(display.unit * 0.5) : 40,
      showCoverageOnHover: false,
      disableClusteringAtZoom: display ? 15 : 17,
      iconCreateFunction: function (cluster) {
        var worst = 0;
        cluster.getAllChildMarkers().forEach(function (layer) {
          worst = Math.max(worst, URGENCY[layer.ccData.deadline] || 0);
        });
        var level = worst === 3 ? "red" : (worst === 2 ? "amber" : "ok");
        return L.divIcon({
          html: String(cluster.getChildCount()),
          className: "cc-cluster cc-cluster-" + level,
          iconSize: [clusterSize, clusterSize]
        });
      }
    }).addTo(map);
    var cameras = L.layerGroup().addTo(map);

    function caseIcon(m) {
      var dot = document.createElement("span");
      dot.className = "cc-case-dot";
      dot.style.background = markerColour(m);
      var size = m.priority === 1 ? 18 : 14;
      var pulse = "";
      if (display) {
        size = Math.round(display.unit * (m.priority === 1 ? 0.6 : 0.45));
        pulse = m.priority <= 2 ? " cc-pulse-" + m.priority : "";
      }
      return L.divIcon({
        html: dot,
        className: "cc-case cc-state-" + m.state + (m.priority === 1 ? " cc-urgent" : "") +
          pulse + (selected === m.id ? " cc-selected" : ""),
        iconSize: [size, size]
      });
    }

    function popupContent(m) {
      var content = document.createElement("div");
      content.className = "cc-popup";
      content.appendChild(textElement("div", m.number, "cc-popup-number"));
      content.appendChild(textElement("div", m.category + " · " + (options.stateNames[m.state] || m.state)));
      content.appendChild(textElement("div", m.description, "cc-popup-text"));
      return content;
    }

    function count(code, delta) {
      counts[code] = Math.max(0, (counts[code] || 0) + delta);
      restyleGrid(code);
    }

    function now() { return performance.timeOrigin + performance.now(); }

    function upsert(m) {
      var known = markers[m.id];
      if (known) {
        known.appliedAt = now();
        if (known.data.grid !== m.grid) { count(known.data.grid, -1); count(m.grid, 1); }
        known.data = m;
        known.layer.ccData = m;
        known.layer.setLatLng([m.lat, m.lon]);
        known.layer.setIcon(caseIcon(m));
        known.layer.setTooltipContent(textElement("span", m.number + " · " + m.category));
        known.layer.setPopupContent(popupContent(m));
        cases.refreshClusters(known.layer);
        return;
      }
      var layer = L.marker([m.lat, m.lon], {icon: caseIcon(m), keyboard: false});
      layer.ccData = m;
      layer.bindTooltip(textElement("span", m.number + " · " + m.category));
      layer.bindPopup(popupContent(m));
      layer.on("click", function () { send({type: "case", id: layer.ccData.id}); });
      markers[m.id] = {data: m, layer: layer, appliedAt: now()};
      cases.addLayer(layer);
      count(m.grid, 1);
    }

    function remove(id) {
      var known = markers[id];
      if (!known) { return; }
      cases.removeLayer(known.layer);
      delete markers[id];
      count(known.data.grid, -1);
    }

    function replaceAll(list) {
      cases.clearLayers();
      markers = {};
      counts = {};
      var layers = list.map(function (m) {
        var layer = L.marker([m.lat, m.lon], {icon: caseIcon(m), keyboard: false});
        layer.ccData = m;
        layer.bindTooltip(textElement("span", m.number + " · " + m.category));
        layer.bindPopup(popupContent(m));
        layer.on("click", function () { send({type: "case", id: layer.ccData.id}); });
        markers[m.id] = {data: m, layer: layer};
        counts[m.grid] = (counts[m.grid] || 0) + 1;
        return layer;
      });
      cases.addLayers(layers);
      gridLayer.setStyle(gridStyle);
    }

    function setCameras(list) {
      cameras.clearLayers();
      cameraCount = list.length;
      list.forEach(function (camera) {
        var layer = L.marker([camera.lat, camera.lon], {
          icon: L.divIcon({className: "cc-camera", html: "", iconSize: [12, 12]}),
          keyboard: false
        });
        layer.bindTooltip(textElement("span", camera.name));
        layer.on("click", function () { send({type: "camera", id: camera.id}); });
        // drag a camera onto a video-wall tile: plain text "camera:CODE"
        // (on every "add": Leaflet makes a new element when a layer comes back)
        layer.on("add", function () {
          var element = layer.getElement();
          element.setAttribute("draggable", "true");
          element.addEventListener("dragstart", function (event) {
            event.dataTransfer.setData("text/plain", "camera:" + camera.code);
            event.dataTransfer.effectAllowed = "copy";
          });
        });
        cameras.addLayer(layer);
      });
    }

    function select(id) {
      var previous = selected;
      selected = id;
      [previous, id].forEach(function (key) {
        if (key !== null && markers[key]) { markers[key].layer.setIcon(caseIcon(markers[key].data)); }
      });
      var known = markers[id];
      if (known) {
        cases.zoomToShowLayer(known.layer, function () { known.layer.openPopup(); });
      }
    }

    function query(what, args) {
      var known;
      switch (what) {
      case "marker":
        known = markers[args.id];
        if (!known) { return null; }
        var point = map.latLngToContainerPoint(known.layer.getLatLng());
        return {
          id: known.data.id, state: known.data.state, deadline: known.data.deadline,
          colour: markerColour(known.data), grid: known.data.grid,
          selected: selected === known.data.id,
          className: known.layer.getElement() ? known.layer.getElement().className : null,
          // epoch ms when the page drew this version of the marker (benchmarks)
          appliedAt: known.appliedAt || null,
          // drawn on its own (not folded into a cluster) and inside the view
          onScreen: Boolean(known.layer.getElement()) &&
            map.getBounds().contains(known.layer.getLatLng()),
          point: [point.x, point.y]
        };
      case "gridCount":
        return counts[args.code] || 0;
      case "grid":  // is this grid drawn (a territory imported since start?)
        return Boolean(byCode[args.code]);
      case "popup":
        known = markers[args.id];
        if (!known) { return null; }
        var popup = popupContent(known.data);
        return {text: popup.textContent, images: popup.getElementsByTagName("img").length,
          scripts: popup.getElementsByTagName("script").length};
      case "incidents":
        return incidentLayer.getLayers().filter(function (layer) {
          return layer instanceof L.GeoJSON;
        }).length;
      case "summary":
        return {markers: Object.keys(markers).length, cameras: cameraCount,
          grids: Object.keys(byCode).length, zoom: map.getZoom(),
          display: Boolean(display), zoomButtons: Boolean(document.querySelector(".leaflet-control-zoom")),
          background: getComputedStyle(map.getContainer()).backgroundColor};
      default:
        return null;
      }
    }

    // incidents under way: their areas by level colour (pulsing), and the
    // places their plans call on (shelters, fire stations, depots)
    var incidentLayer = L.layerGroup().addTo(map);
    function setIncidents(list) {
      incidentLayer.clearLayers();
      list.forEach(function (incident) {
        var area = L.geoJSON(incident.area, {
          interactive: false,
          style: {color: incident.colour, weight: 3, fillColor: incident.colour,
                  fillOpacity: 0.18, className: "cc-incident"}
        });
        incidentLayer.addLayer(area);
        L.tooltip({permanent: true, direction: "center", className: "cc-incident-label"})
          .setLatLng(area.getBounds().getCenter())
          .setContent(textElement("span", incident.label))
          .addTo(incidentLayer);
        incident.resources.forEach(function (place) {
          var marker = L.circleMarker([place.lat, place.lon], {
            radius: 7, color: "#ffffff", weight: 2, fillColor: place.colour, fillOpacity: 1
          });
          marker.bindTooltip(textElement("span", place.name));
          incidentLayer.addLayer(marker);
        });
      });
    }

    function fitArea(area) {
      map.invalidateSize();  // the view may have been hidden (no size) until now
      map.closePopup();
      map.fitBounds(L.geoJSON(area).getBounds(), {padding: [40, 40], maxZoom: 17});
    }

    function apply(operations) {
      operations.forEach(function (op) {
        switch (op.op) {
        case "markers": replaceAll(op.markers); break;
        case "marker": upsert(op.marker); break;
        case "remove": remove(op.id); break;
        case "cameras": setCameras(op.cameras); break;
        case "select": select(op.id); break;
        case "flyTo": map.flyTo([op.lat, op.lon], op.zoom || 17); break;
        case "district": map.closePopup(); fitDistrict(); break;
        case "incidents": setIncidents(op.incidents); break;
        case "fitArea": fitArea(op.area); break;
        case "pick":
          picking = op.on;
          map.getContainer().classList.toggle("cc-picking", picking);
          break;
        case "query": send({type: "reply", qid: op.qid, result: query(op.what, op.args || {})}); break;
        default: break;
        }
      });
    }

    countLegend(map, options.legendTitle, options.classes,
      display ? HEAT_COLOURS : CLASS_COLOURS);
    markerLegend(map, options.markerLegend);
    var credit = document.createElement("span");
    credit.textContent = options.attribution;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(credit.innerHTML);

    var labels = options.streetLabels.map(function (street) {
      var name = street.illustrative ? street.name + options.illustrativeSuffix : street.name;
      return L.tooltip({permanent: true, direction: "center", className: "cc-street-label"})
        .setLatLng(street.at)
        .setContent(textElement("span", name))
        .addTo(map);
    });

    window.ccMap = {
      apply: apply,
      query: query,
      labelTexts: function () {
        return labels.map(function (label) { return label.getElement().textContent; });
      },
      gridCount: function () { return Object.keys(byCode).length; },
      setCount: function (code, n) { counts[code] = n; restyleGrid(code); },
      fillOf: function (code) { return byCode[code] ? byCode[code].options.fillColor : null; }
    };

    if (typeof QWebChannel !== "undefined" && typeof qt !== "undefined") {
      new QWebChannel(qt.webChannelTransport, function (channel) {
        var bridge = channel.objects.bridge;
        send = function (message) { bridge.post(JSON.stringify(message)); };
        bridge.message.connect(function (text) { apply(JSON.parse(text)); });
        send({type: "ready"});
      });
    }
    document.title = "cc-map-ready";
  };
}());
