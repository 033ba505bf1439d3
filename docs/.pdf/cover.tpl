{#- Cover of the PDF edition (print-site plugin). Edition and date come from
    `make pdf` through mkdocs-pdf.yml's extra: the tag or version, and the
    date of the commit, so the same commit always prints the same cover. -#}
<div class="atlas-cover">
  <p class="atlas-cover-kicker">An open guide to back-end development</p>
  <h1 class="atlas-cover-title">{{ config.site_name }}</h1>
  <p class="atlas-cover-subtitle">From the first HTTP request to choosing a language, a framework, a database and an architecture</p>
  <dl class="atlas-cover-meta">
    <dt>Edition</dt><dd>{{ config.extra.edition }}</dd>
    <dt>Date</dt><dd>{{ config.extra.edition_date }}</dd>
    <dt>License</dt><dd>Text and data CC BY 4.0, code MIT</dd>
    <dt>Online</dt><dd>{{ config.repo_url }}</dd>
  </dl>
</div>
