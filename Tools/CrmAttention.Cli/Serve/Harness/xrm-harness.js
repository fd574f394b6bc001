// A minimal model-driven form host for the CrmAttention form scripts, served by `crm-attention serve`.
// It gives a form script what Dataverse gives it: executionContext, formContext (attributes, controls,
// form notifications) and a real Xrm.WebApi.online.execute that calls this host's Web API. Notifications
// are drawn into #notifications so a person, or a browser test, can read them.
"use strict";
(function () {
  var ctx = GetGlobalContext();
  var api = ctx.getClientUrl() + "/api/data/v9.2/";
  var keys = null;

  // Primary keys of entity types, read once from $metadata (what Xrm.WebApi learns from the metadata too).
  function primaryKeys() {
    if (keys !== null) return Promise.resolve(keys);
    return fetch(api + "$metadata", { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (xml) {
      var doc = new DOMParser().parseFromString(xml, "application/xml");
      keys = {};
      Array.prototype.forEach.call(doc.getElementsByTagName("EntityType"), function (t) {
        var ref = t.getElementsByTagName("PropertyRef")[0];
        if (ref) keys[t.getAttribute("Name")] = ref.getAttribute("Name");
      });
      return keys;
    });
  }

  function failure(response) {
    return response.json().then(function (body) {
      var e = (body && body.error) || {};
      var code = typeof e.code === "string" ? parseInt(e.code, 16) : 0;
      // Xrm.WebApi rejects with a plain object: errorCode (signed, as the platform gives it), message, status.
      return Promise.reject({ errorCode: code | 0, message: e.message || ("HTTP " + response.status), status: response.status });
    });
  }

  function execute(request) {
    var meta = request.getMetadata();
    return primaryKeys().then(function (pk) {
      var body = {};
      Object.keys(meta.parameterTypes || {}).forEach(function (name) {
        if (!(name in request)) return;
        var value = request[name];
        var type = meta.parameterTypes[name];
        if (type.structuralProperty === 5 && value && value.entityType) {
          var entity = { "@odata.type": "Microsoft.Dynamics.CRM." + value.entityType };
          entity[pk[value.entityType]] = value.id;
          body[name] = entity;
        } else {
          body[name] = value;
        }
      });
      var url = api + meta.operationName;
      var init = { method: meta.operationType === 1 ? "GET" : "POST", credentials: "same-origin",
        headers: { Accept: "application/json", "Content-Type": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" } };
      if (meta.operationType !== 1) init.body = JSON.stringify(body);
      return fetch(url, init).then(function (response) { return response.ok ? response : failure(response); });
    });
  }

  function control(name) {
    var element = document.querySelector("[data-control='" + name + "']");
    return {
      getName: function () { return name; },
      setVisible: function (visible) { if (element) element.hidden = !visible; },
      getVisible: function () { return element ? !element.hidden : false; },
      setFocus: function () { if (element) element.focus(); },
    };
  }

  function attribute(name, value, privilege) {
    var handlers = [];
    var required = "none";
    var controls = [control(name)];
    var a = {
      getName: function () { return name; },
      getValue: function () { return value; },
      setValue: function (v) { value = v; },
      getUserPrivilege: function () { return privilege || { canRead: true, canCreate: true, canUpdate: true }; },
      getRequiredLevel: function () { return required; },
      setRequiredLevel: function (level) { required = level; document.body.dataset["required_" + name] = level; },
      addOnChange: function (h) { handlers.push(h); },
      fireOnChange: function () { handlers.forEach(function (h) { h(executionContext); }); },
      controls: { get: function (i) { return typeof i === "number" ? controls[i] : controls; }, forEach: function (f) { controls.forEach(f); } },
    };
    return a;
  }

  var notifications = {};
  function renderNotifications() {
    var list = document.getElementById("notifications");
    list.textContent = "";
    Object.keys(notifications).forEach(function (id) {
      var item = document.createElement("li");
      item.dataset.id = id;
      item.dataset.level = notifications[id].level;
      item.textContent = notifications[id].message;
      list.appendChild(item);
    });
    document.body.dataset.notifications = String(Object.keys(notifications).length);
  }

  var attributes = {};
  var postSave = [];
  var form = { entityName: "", id: "", formType: 2 };
  var formContext = {
    data: { entity: {
      getId: function () { return form.id; },
      getEntityName: function () { return form.entityName; },
      addOnPostSave: function (h) { postSave.push(h); },
      removeOnPostSave: function (h) { postSave = postSave.filter(function (x) { return x !== h; }); },
    } },
    ui: {
      getFormType: function () { return form.formType; },
      setFormNotification: function (message, level, id) { notifications[id] = { message: message, level: level }; renderNotifications(); return true; },
      clearFormNotification: function (id) { delete notifications[id]; renderNotifications(); return true; },
    },
    getAttribute: function (name) { return attributes[name] || null; },
    getControl: function (name) { return attributes[name] ? attributes[name].controls.get(0) : null; },
  };
  var eventArgs = null;
  var executionContext = {
    getContext: function () { return ctx; },
    getFormContext: function () { return formContext; },
    getEventArgs: function () { return eventArgs; },
  };

  window.Xrm = { WebApi: { online: { execute: execute } }, Utility: { getGlobalContext: function () { return ctx; } } };

  window.CrmAttentionHarness = {
    /** Opens a form: the table, the record id ("" for a new record) and the attribute values. */
    open: function (entityName, id, values, privileges) {
      form.entityName = entityName;
      form.id = id ? "{" + id.toUpperCase() + "}" : "";
      form.formType = id ? 2 : 1;
      Object.keys(values).forEach(function (name) { attributes[name] = attribute(name, values[name], (privileges || {})[name]); });
      return executionContext;
    },
    /** Raises the Send save event; resolves with whether the script let it through. */
    send: function (onSave) {
      var prevented = false;
      eventArgs = { getSaveMode: function () { return 7; }, preventDefault: function () { prevented = true; }, isDefaultPrevented: function () { return prevented; } };
      return Promise.resolve(onSave(executionContext)).then(function () { return !prevented; });
    },
    /** The primary names of records, read through the Web API (a lookup on a form carries its record's name). */
    names: function (entitySet, key, nameColumn, ids) {
      return Promise.all(ids.map(function (id) {
        return fetch(api + entitySet + "(" + id + ")?$select=" + nameColumn, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : {}; })
          .then(function (row) { return row[nameColumn] || ""; });
      }));
    },
    /** Marks the page as done, with the outcome, for a person or a test to read. */
    done: function (state) { document.body.dataset.state = state; },
  };
})();
