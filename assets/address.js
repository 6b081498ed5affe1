/* A page opens on its address's state, drawn by the server with no callback round trip. Where the address was
   not in its canonical form (defaults filled in, a value that could not be used dropped, as the page's notice
   says), the address bar is corrected in place, without a new history entry, so a copied link is the view. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  address: {
    canonical: function (search) {
      if (search && search !== window.location.search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
      }
    },
  },
});
