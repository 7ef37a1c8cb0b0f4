/* A file's size as every page writes it (``filings.text.file_size`` on the server): units of
 * 1,024, one decimal at most, a no-break space before the unit, and a file with content never
 * reads as empty. */
(function () {
  "use strict";

  window.registryFileSize = function (size) {
    var value = Math.max(Number(size) || 0, 0);
    var units = [[1073741824, "GB"], [1048576, "MB"]];
    var unit = 1024;
    var name = "KB";
    for (var i = 0; i < units.length; i++) {
      if (value >= units[i][0]) {
        unit = units[i][0];
        name = units[i][1];
        break;
      }
    }
    var amount = (value / unit).toFixed(1).replace(/\.0$/, "");
    if (value && amount === "0") amount = "0.1";
    return amount + "\u00a0" + name;
  };
})();
