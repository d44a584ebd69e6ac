{{%AUTOESCAPE context="HTML"}}
{{! The page frame: head, header, main (the page's own template as CONTENT), footer. BRAND_SVG and FAVICON_URL are our own drawing (render/brand_mark.h), hence not escaped. }}
<!DOCTYPE html>
<html lang="{{UI_LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{TITLE}}{{#SITE_SUFFIX}} – {{T_site_name}}{{/SITE_SUFFIX}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{TEXT}}">{{/DESCRIPTION}}
{{#NOINDEX}}<meta name="robots" content="noindex">{{/NOINDEX}}
{{#ALTERNATE}}<link rel="alternate" hreflang="{{CODE}}" href="{{URL}}">{{/ALTERNATE}}
<link rel="icon" type="image/svg+xml" href="{{FAVICON_URL:none}}">
{{>THEME}}
</head>
<body>
<a class="skip" href="#main">{{T_skip}}</a>
<header>
<a class="brand" href="{{HOME_URL}}">{{BRAND_SVG:none}}{{T_site_name}}</a>
{{#HEADER_SEARCH}}{{>FORM}}{{/HEADER_SEARCH}}
{{#STAFF}}{{>NAV}}{{/STAFF}}
</header>
<main id="main">
{{>CONTENT}}
</main>
<footer>
<nav aria-label="{{T_nav_footer}}"><ul>
<li><a href="{{HOME_URL}}">{{T_nav_home}}</a></li>
<li><a href="{{PRIVACY_URL}}">{{T_nav_privacy}}</a></li>
<li><a href="{{INDICATORS_URL}}">{{T_nav_indicators}}</a></li>
</ul></nav>
<nav aria-label="{{T_nav_language}}"><ul>
{{#UI_LANG_ITEM}}<li>{{#CURRENT}}<span aria-current="true" lang="{{CODE}}">{{NAME}}</span>{{/CURRENT}}{{#OTHER}}<a href="{{URL}}" hreflang="{{CODE}}" lang="{{CODE}}">{{NAME}}</a>{{/OTHER}}</li>{{/UI_LANG_ITEM}}
</ul></nav>
</footer>
</body>
</html>
