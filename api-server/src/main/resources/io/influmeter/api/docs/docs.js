(function () {
  "use strict";
  var root = document.getElementById("api");
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function resolve(doc, schema) {
    if (schema && schema.$ref) {
      var name = schema.$ref.split("/").pop();
      return { name: name, schema: doc.components.schemas[name] };
    }
    return { name: null, schema: schema };
  }
  fetch("/openapi.json").then(function (r) { return r.json(); }).then(function (doc) {
    root.textContent = "";
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        (byTag[op.tags[0]] = byTag[op.tags[0]] || []).push({ path: path, method: method, op: op });
      });
    });
    Object.keys(byTag).sort().forEach(function (tag) {
      root.appendChild(el("h2", null, tag));
      byTag[tag].forEach(function (entry) {
        var d = el("details");
        var s = el("summary");
        s.appendChild(el("span", "m " + entry.method, entry.method.toUpperCase()));
        s.appendChild(el("code", null, entry.path + "  "));
        s.appendChild(el("span", null, entry.op.summary + " "));
        s.appendChild(el("span", "roles", "[" + entry.op["x-roles"].join(", ") + "]"));
        d.appendChild(s);
        if (entry.op.requestBody) {
          var body = resolve(doc, entry.op.requestBody.content["application/json"].schema);
          d.appendChild(el("p", null, "Body: " + body.name));
          d.appendChild(el("pre", null, JSON.stringify(body.schema, null, 2)));
        }
        Object.keys(entry.op.responses).forEach(function (status) {
          var response = entry.op.responses[status];
          d.appendChild(el("p", null, status + ": " + response.description));
        });
        root.appendChild(d);
      });
    });
  }).catch(function () { root.textContent = "Could not load /openapi.json."; });
})();
